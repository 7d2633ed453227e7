"""videorace: sourced data and parameterised notebooks on China's 2024 text-to-video race."""

__version__ = "0.7.0"
