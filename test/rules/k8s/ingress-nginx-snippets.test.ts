import rule from '../../../src/rules/k8s/ingress-nginx-snippets.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'dedicated annotations instead of snippets; snippets disallowed in the controller ConfigMap; templated snippet; a ConfigMap without the key',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          annotations:
            nginx.ingress.kubernetes.io/ssl-redirect: "true"
            nginx.ingress.kubernetes.io/configuration-snippet: "{{ .Values.snippet }}"
        spec:
          rules: [{ host: web.example.com }]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: ingress-nginx-controller, namespace: ingress-nginx }
        data:
          allow-snippet-annotations: "false"
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: app }
        data:
          server-snippet: "alias /etc/;"
      `,
    },
  ],
  invalid: [
    {
      name: 'a controller run with --annotations-prefix reads its snippets under that prefix',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          annotations:
            custom.ingress.kubernetes.io/server-snippet: |
              location /t { alias /var/run/secrets/kubernetes.io/serviceaccount/; }
        spec:
          ingressClassName: nginx
          rules: [{ host: a.example.com }]
      `,
      errors: [{ line: 7, severity: 'high' }],
    },
    {
      name: 'review: `root` in a rewrite path and `include` in a comment are not directives (medium); ParseBool "1" allows snippets',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: rewrite
          annotations:
            nginx.ingress.kubernetes.io/configuration-snippet: |
              # include the header below
              rewrite ^/root /app break;
              more_set_headers "X-Root: root ";
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: ingress-nginx-controller, namespace: ingress-nginx }
        data:
          allow-snippet-annotations: "1"
      `,
      errors: [
        { line: 6, severity: 'medium', message: 'Ingress "rewrite" uses the snippet annotation nginx.ingress.kubernetes.io/configuration-snippet' },
        { line: 15, severity: 'high', message: 'ConfigMap "ingress-nginx-controller" sets allow-snippet-annotations' },
      ],
    },
    {
      name: 'Checkov CKV_K8S_152/153/154, Datree: an alias onto the token directory (on its line), Lua, a harmless snippet (medium), F5 NGINX snippets',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: exploit
          annotations:
            nginx.ingress.kubernetes.io/server-snippet: |
              location ^~ "/leak" {
                alias /var/run/secrets/kubernetes.io/serviceaccount/;
              }
            nginx.ingress.kubernetes.io/configuration-snippet: "content_by_lua_block { ngx.say(io.open('/etc/passwd'):read('*a')) }"
            nginx.ingress.kubernetes.io/auth-snippet: "proxy_set_header X-Forwarded-Proto https;"
        spec:
          rules: [{ host: web.example.com }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: f5
          annotations:
            nginx.org/location-snippets: "add_header X-Frame-Options DENY;"
      `,
      errors: [
        { line: 8, message: 'Ingress "exploit" annotation nginx.ingress.kubernetes.io/server-snippet has NGINX configuration that reads the controller\'s files or runs code in it ("alias")' },
        { line: 10, message: '("content_by_lua_block")' },
        { line: 11, message: 'Ingress "exploit" uses the snippet annotation nginx.ingress.kubernetes.io/auth-snippet: it works only while the controller allows snippets' },
        { line: 20, message: 'Ingress "f5" uses the snippet annotation nginx.org/location-snippets' },
      ],
    },
    {
      name: 'Datree CONFIGMAP_CVE2021_25742: the controller ConfigMap allows snippets (medium with a word blocklist)',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: ingress-nginx-controller, namespace: ingress-nginx }
        data:
          allow-snippet-annotations: "true"
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: ingress-nginx-controller, namespace: other }
        data:
          allow-snippet-annotations: "true"
          annotation-value-word-blocklist: "load_module,lua_package,_by_lua,location,root,proxy_pass,serviceaccount"
      `,
      errors: [
        { line: 5, message: 'ConfigMap "ingress-nginx-controller" sets allow-snippet-annotations to "true": every user who may create an Ingress can paste NGINX configuration into the controller, which reads every Secret of the cluster (CVE-2021-25742).' },
        { line: 11, message: 'annotation-value-word-blocklist narrows what a snippet may contain.' },
      ],
    },
  ],
});
