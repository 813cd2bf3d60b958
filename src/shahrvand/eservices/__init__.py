"""E-services: the catalogue, processes defined as versioned data, and multi-unit cases.

Writes go through `shahrvand.eservices.services`, reads through
`shahrvand.eservices.selectors`; definitions are parsed and validated in
`shahrvand.eservices.definitions`.
"""
