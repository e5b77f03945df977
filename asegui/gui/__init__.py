"""The Qt window; it imports asegui.core only through its public names."""
