"""zcdesk: offline preparation of Jilin 职称 applications."""

__version__ = "0.1.0"
