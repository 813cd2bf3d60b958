"""An OpenAPI 3 description of our Open311 GeoReport v2 endpoints, written from the GeoReport v2
standard (docs/open311.md), so that schemathesis can fuzz them like the JSON API.

Open311 has no OpenAPI document of its own; this one lists every endpoint, both formats
(`.xml`, `.json`) and every parameter the spec and its common extensions define.
"""

from __future__ import annotations

from typing import Any

STRING: dict[str, Any] = {"type": "string"}
FMT = {"name": "fmt", "in": "path", "required": True, "schema": {"enum": ["json", "xml"]}}
JURISDICTION = {"name": "jurisdiction_id", "in": "query", "schema": STRING}
STATUSES = {"type": "string", "enum": ["open", "closed", "open,closed"]}
DATETIME = {"type": "string", "format": "date-time"}


def _ok(description: str) -> dict[str, Any]:
    return {
        "200": {"description": description},
        "400": {"description": "error list"},
        "403": {"description": "error list"},
        "404": {"description": "error list"},
        "429": {"description": "rate limited"},
    }


REQUEST_FORM: dict[str, Any] = {
    "type": "object",
    "required": ["api_key", "service_code"],
    "properties": {
        "api_key": STRING,
        "jurisdiction_id": STRING,
        "service_code": STRING,
        "lat": {"type": "number"},
        "long": {"type": "number"},
        "address_string": STRING,
        "address_id": STRING,
        "email": STRING,
        "device_id": STRING,
        "account_id": STRING,
        "first_name": STRING,
        "last_name": STRING,
        "phone": STRING,
        "description": {"type": "string", "maxLength": 4000},
        "media_url": STRING,
        "attribute[pole_id]": STRING,
        "attribute[kind]": STRING,
    },
}

OPEN311_OPENAPI: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Shahrvand Open311 GeoReport v2", "version": "2"},
    "paths": {
        "/open311/v2/discovery.{fmt}": {
            "get": {"operationId": "discovery", "parameters": [FMT], "responses": _ok("discovery")}
        },
        "/open311/v2/services.{fmt}": {
            "get": {
                "operationId": "services",
                "parameters": [FMT, JURISDICTION],
                "responses": _ok("service list"),
            }
        },
        "/open311/v2/services/{service_code}.{fmt}": {
            "get": {
                "operationId": "service_definition",
                "parameters": [
                    {"name": "service_code", "in": "path", "required": True, "schema": STRING},
                    FMT,
                    JURISDICTION,
                ],
                "responses": _ok("service definition"),
            }
        },
        "/open311/v2/requests.{fmt}": {
            "get": {
                "operationId": "requests",
                "parameters": [
                    FMT,
                    JURISDICTION,
                    {"name": "service_request_id", "in": "query", "schema": STRING},
                    {"name": "service_code", "in": "query", "schema": STRING},
                    {"name": "start_date", "in": "query", "schema": DATETIME},
                    {"name": "end_date", "in": "query", "schema": DATETIME},
                    {"name": "status", "in": "query", "schema": STATUSES},
                    {"name": "updated_after", "in": "query", "schema": DATETIME},
                    {"name": "updated_before", "in": "query", "schema": DATETIME},
                    {"name": "page", "in": "query", "schema": {"type": "integer"}},
                    {"name": "page_size", "in": "query", "schema": {"type": "integer"}},
                    {"name": "lat", "in": "query", "schema": {"type": "number"}},
                    {"name": "long", "in": "query", "schema": {"type": "number"}},
                    {"name": "radius", "in": "query", "schema": {"type": "number"}},
                    {"name": "extensions", "in": "query", "schema": {"type": "boolean"}},
                ],
                "responses": _ok("service requests"),
            },
            "post": {
                "operationId": "create_request",
                "parameters": [FMT],
                "requestBody": {
                    "required": True,
                    "content": {"application/x-www-form-urlencoded": {"schema": REQUEST_FORM}},
                },
                "responses": _ok("created"),
            },
        },
        "/open311/v2/requests/{service_request_id}.{fmt}": {
            "get": {
                "operationId": "request",
                "parameters": [
                    {
                        "name": "service_request_id",
                        "in": "path",
                        "required": True,
                        "schema": STRING,
                    },
                    FMT,
                    JURISDICTION,
                ],
                "responses": _ok("one service request"),
            }
        },
        "/open311/v2/tokens/{token}.{fmt}": {
            "get": {
                "operationId": "token",
                "parameters": [
                    {"name": "token", "in": "path", "required": True, "schema": STRING},
                    FMT,
                    JURISDICTION,
                ],
                "responses": _ok("request id for a token"),
            }
        },
    },
}
