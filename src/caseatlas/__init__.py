"""Case Atlas: case studies of rural development, from YAML to a validated Material for MkDocs site."""

__version__ = "0.1.0"
