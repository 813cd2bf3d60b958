"""Citizen identity: sign-in with a mobile number and a one-time code sent by SMS.

Separate from staff accounts (django.contrib.auth): a citizen is a verified phone number,
held in the session under its own key, so a staff login and a citizen login never mix.
"""
