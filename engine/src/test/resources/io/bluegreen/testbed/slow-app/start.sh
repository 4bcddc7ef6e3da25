#!/bin/sh
# Like many real servers without graceful shutdown: on SIGTERM it exits at once, cutting what runs.
date +%s > /tmp/started
httpd -f -v -p 8080 -h /www &
trap 'echo "SIGTERM: exiting at once"; exit 0' TERM
echo "app $VERSION listening on 8080, exits at once on SIGTERM"
wait
