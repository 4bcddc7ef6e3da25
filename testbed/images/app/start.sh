#!/bin/sh
# busybox httpd forks per request and keeps no state, so it is ready as soon as it listens.
echo "app $VERSION listening on 8080"
exec httpd -f -v -p 8080 -h /www
