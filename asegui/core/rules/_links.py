"""The addresses rules cite as their sources (``Rule.links``), so each is written once.

Microsoft Learn pages as the shared reference material cites them; the runtime's files on the public branch of
the Azure Stack Edge GPU device's IoT Edge runtime, ``release/1.1-k8s-preview`` of Azure/iotedge.
"""

from __future__ import annotations

LEARN = "https://learn.microsoft.com/azure/"
ASE = LEARN + "databox-online/azure-stack-edge-gpu-"
FPGA_TO_GPU = ASE + "modify-fpga-modules-gpu"  # "Run existing IoT Edge modules from … FPGA devices on … GPU device"
# That article's title, as rules name it in their source text (``Rule.source``).
SOURCE_ARTICLE = ("Microsoft Learn: Run existing IoT Edge modules from Azure Stack Edge Pro FPGA devices on Azure "
                  "Stack Edge Pro GPU device")
K8S_STORAGE = ASE + "kubernetes-storage"
K8S_NETWORKING = ASE + "kubernetes-networking"
NETWORK_PROXY = ASE + "deploy-configure-network-compute-web-proxy"
GPU_MODULES = ASE + "configure-gpu-modules"
GPU_SHARING = ASE + "deploy-iot-edge-gpu-sharing"
STATELESS_APP = ASE + "deploy-stateless-application-iot-edge-module"
RELEASE_2207 = ASE + "2207-release-notes"
CREATE_OPTIONS = LEARN + "iot-edge/how-to-use-create-options"
LIMITS = LEARN + "iot-edge/iot-edge-limits-and-restrictions"
COMPOSITION = LEARN + "iot-edge/module-composition"
AGENT_HUB_TWINS = LEARN + "iot-edge/module-edgeagent-edgehub"
TWINS = LEARN + "iot-hub/iot-hub-devguide-device-twins"

K8S_NAMES = "https://kubernetes.io/docs/concepts/overview/working-with-objects/names/"
K8S_STRATEGY = "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy"

RUNTIME = "https://github.com/Azure/iotedge/blob/release/1.1-k8s-preview/"
AGENT = RUNTIME + "edge-agent/src/Microsoft.Azure.Devices.Edge.Agent."
KUBE = AGENT + "Kubernetes/"
KUBE_UTILS = KUBE + "KubeUtils.cs"
DEPLOYMENT_MAPPER = KUBE + "edgedeployment/deployment/KubernetesDeploymentMapper.cs"
SERVICE_MAPPER = KUBE + "edgedeployment/service/KubernetesServiceMapper.cs"
PORT_EXTENSIONS = KUBE + "edgedeployment/service/PortExtensions.cs"
SERVICE_ACCOUNT_MAPPER = KUBE + "edgedeployment/serviceaccount/KubernetesServiceAccountMapper.cs"
PVC_MAPPER = KUBE + "edgedeployment/pvc/KubernetesPvcMapper.cs"
PULL_SECRET_NAME = KUBE + "edgedeployment/ImagePullSecretName.cs"
PLANNER = KUBE + "planners/KubernetesPlanner.cs"
CONFIG_PROVIDER = KUBE + "CombinedKubernetesConfigProvider.cs"
EXPERIMENTAL = KUBE + "KubernetesExperimentalCreatePodParameters.cs"
KUBE_MODULE = KUBE + "KubernetesModule.cs"
CREATE_OPTIONS_DOC = RUNTIME + "kubernetes/doc/create-options.md"
CHART_VALUES = RUNTIME + "kubernetes/charts/edge-kubernetes/values.yaml"
I_MODULE = AGENT + "Core/IModule.cs"
DOCKER_CONSTANTS = AGENT + "Docker/Constants.cs"
DOCKER_CONFIG = AGENT + "Docker/DockerConfig.cs"
DOCKER_CREATE = AGENT + "Docker/commands/CreateCommand.cs"
AGENT_CONNECTION = AGENT + "IoTHub/EdgeAgentConnection.cs"
JSON_EX = RUNTIME + "edge-util/src/Microsoft.Azure.Devices.Edge.Util/JsonEx.cs"
NESTED_PARENT = ("https://github.com/Azure/iotedge/blob/1.2.0/edge-agent/src/Microsoft.Azure.Devices.Edge.Agent.Core/"
                 "NestedEdgeParentUrlParser.cs")

K8S_DOC = "https://microsoft.github.io/iotedge-k8s-doc/"  # microsoft/iotedge-k8s-doc, as its site publishes it
K8S_VALIDATION = "https://github.com/kubernetes/apimachinery/blob/master/pkg/util/validation/validation.go"
RFC_8259 = "https://www.rfc-editor.org/rfc/rfc8259"
SCHEMA_STORE = "https://github.com/SchemaStore/schemastore/blob/master/src/schemas/json/"
