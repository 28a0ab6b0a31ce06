"""Fine-setting methods as data: the EDPB 04/2022 bands and historical national schemes.

Read by :mod:`gdprfine.estimate`. These files are methods for setting the amount of a fine,
not fining regimes, so they live apart from the Article 83 regimes one folder up.
"""
