import rule from '../../../src/rules/k8s/no-host-path.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'emptyDir, configMap and PVC volumes',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers: [{ name: web, image: web }]
              volumes:
                - { name: tmp, emptyDir: {} }
                - { name: config, configMap: { name: web } }
                - { name: data, persistentVolumeClaim: { claimName: data } }
      `,
    },
    {
      name: 'sensitive host paths are reported once, by k8s/no-sensitive-host-path',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers: [{ name: app, image: app }]
          volumes:
            - name: docker
              hostPath: { path: /var/run/docker.sock }
            - name: root
              hostPath: { path: / }
      `,
    },
    {
      name: 'PersistentVolume backed by EBS',
      code: yaml`
        apiVersion: v1
        kind: PersistentVolume
        metadata: { name: pv }
        spec:
          csi: { driver: ebs.csi.aws.com, volumeHandle: vol-123 }
      `,
    },
  ],
  invalid: [
    {
      name: 'the node CA bundle mounted read-only is low; the journal read-only is not a public file (medium)',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: autoscaler }
        spec:
          template:
            spec:
              containers:
                - name: autoscaler
                  image: autoscaler
                  volumeMounts:
                    - { name: ssl-certs, mountPath: /etc/ssl/certs/ca-certificates.crt, readOnly: true }
                    - { name: journal, mountPath: /run/log/journal, readOnly: true }
              volumes:
                - name: ssl-certs
                  hostPath: { path: /etc/ssl/certs/ca-bundle.crt }
                - name: journal
                  hostPath: { path: /run/log/journal }
      `,
      errors: [
        { line: 15, column: 23, severity: 'low', message: 'mounts the host path /etc/ssl/certs/ca-bundle.crt from the node (mounted read-only).' },
        { line: 17, column: 23, severity: 'medium', message: 'mounts the host path /run/log/journal from the node (mounted read-only).' },
      ],
    },
    {
      name: 'a data directory, writable by one container (mounted twice, named once) and read-only for another (a writable /var/log is k8s/no-sensitive-host-path\'s)',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: logs }
        spec:
          template:
            spec:
              initContainers:
                - name: setup
                  image: setup
                  volumeMounts: [{ name: varlog, mountPath: /data }, { name: varlog, mountPath: /cache, subPath: cache }]
              containers:
                - name: shipper
                  image: shipper
                  volumeMounts: [{ name: varlog, mountPath: /data, readOnly: true }]
              volumes:
                - name: varlog
                  hostPath:
                    path: /srv/app-data
      `,
      errors: [{ line: 18, column: 13, message: 'Volume "varlog" mounts the host path /srv/app-data from the node (writable by "setup").' }],
    },
    {
      name: 'read-only host binaries, unmounted volume, templated path and hostPath without a path',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              volumeMounts:
                - { name: modules, mountPath: /lib/modules, readOnly: true }
          volumes:
            - name: modules
              hostPath: { path: /lib/modules }
            - name: unused
              hostPath: { path: /data }
            - name: templated
              hostPath: { path: "{{ .Values.dir }}" }
            - name: broken
              hostPath: {}
      `,
      errors: [
        { line: 12, message: '(mounted read-only)' },
        { line: 14, message: '/data from the node (not mounted by any container)' },
        { line: 16, message: 'the host path {{ .Values.dir }}' },
        { line: 18, message: 'Volume "broken" mounts a host path from the node' },
      ],
    },
    {
      name: 'PersistentVolume of type hostPath',
      code: yaml`
        apiVersion: v1
        kind: PersistentVolume
        metadata: { name: models }
        spec:
          storageClassName: manual
          hostPath:
            path: /mnt/models
      `,
      errors: [{ line: 7, message: 'PersistentVolume "models" exposes the host path /mnt/models from the node (any pod that claims it can mount it)' }],
    },
    {
      name: 'CronJob and JSON input',
      filename: 'case.json',
      code: yaml`
        {
          "apiVersion": "batch/v1",
          "kind": "CronJob",
          "metadata": { "name": "c" },
          "spec": {
            "schedule": "@hourly",
            "jobTemplate": { "spec": { "template": { "spec": {
              "restartPolicy": "Never",
              "containers": [{ "name": "c", "image": "c", "volumeMounts": [{ "name": "data", "mountPath": "/data" }] }],
              "volumes": [{ "name": "data", "hostPath": { "path": "/srv/data" } }]
            } } } }
          }
        }
      `,
      errors: [{ line: 10, message: '/srv/data from the node (writable by "c")' }],
    },
  ],
});
