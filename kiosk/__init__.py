"""The kiosk: offline, plain-language information about heroin dependence."""

__version__ = "0.1.0"
