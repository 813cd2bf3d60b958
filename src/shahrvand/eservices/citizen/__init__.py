"""The citizen side of e-services: catalogue, application form, my cases, corrections,
payment, certificate download and the public certificate check.

Reads go through `selectors`, writes through the engine services of the eservices app
(case_submit, resubmission) and the payments app; these views only translate between
HTTP and those calls. The signed-in citizen comes from shahrvand.identity.
"""
