"""FinSam Desktop: the plan and budget of a Swedish samordningsförbund, in one file."""

__version__ = "0.1.0"
