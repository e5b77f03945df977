"""ASE Migration Assistant: Azure Stack Edge Pro FPGA -> Pro GPU IoT Edge manifests."""

__version__ = "0.1.0"
