"""spilock: keep safe Pareto improvements (SPIs) open in model specs, configs and agent code."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("spilock")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+local"
