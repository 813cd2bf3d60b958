#!/usr/bin/env bash
# `nginx -t` on deploy/nginx/shahrvand.conf inside a throwaway main config: the upstream host
# of docker compose ("web") becomes 127.0.0.1 and a self-signed certificate stands in for
# the real one, so the syntax and every directive are checked without the compose network.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v nginx >/dev/null 2>&1; then
  echo "deploy-lint: nginx not installed here; nginx config NOT checked (apt-get install nginx-light)"
  exit 0
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
  -keyout "$WORK/tls/privkey.pem" -out "$WORK/tls/fullchain.pem" >/dev/null 2>&1
sed -e "s#server web:8000#server 127.0.0.1:8000#" -e "s#/etc/nginx/tls/#$WORK/tls/#g" \
  "$ROOT/deploy/nginx/shahrvand.conf" > "$WORK/site.conf"
cat > "$WORK/nginx.conf" <<CONF
pid $WORK/nginx.pid;
error_log stderr;
events {}
http {
  access_log off;
  client_body_temp_path $WORK;
  include $WORK/site.conf;
}
CONF
nginx -t -q -c "$WORK/nginx.conf" -p "$WORK"
echo "deploy/nginx/shahrvand.conf: nginx -t ok ($(nginx -v 2>&1))"
