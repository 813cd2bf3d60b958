"""Triage of citizen reports: Persian text normalisation for features and the classifier
into the 17 standard category codes. Importable without Django (the `shahrvand` CLI uses it
before any settings exist); the product calls `triage.classifier.suggest`.
"""
