import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/k8s/no-sensitive-host-path.js';
import { sensitiveHostPath } from '../../../src/graph/host-paths.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

describe('sensitiveHostPath', () => {
  it.each([
    ['/', 'whole', '/'],
    ['/var/run/docker.sock', 'is', '/var/run/docker.sock'],
    ['/run/docker.sock', 'is', '/run/docker.sock'],
    ['/var/run/docker.sock/', 'is', '/var/run/docker.sock'],
    ['//var//run/./docker.sock', 'is', '/var/run/docker.sock'],
    ['/var/lib/../run/docker.sock', 'is', '/var/run/docker.sock'],
    ['/var/run/../../etc/passwd', 'is', '/etc/passwd'],
    ['/run/containerd/containerd.sock', 'inside', '/run/containerd'],
    ['/var/run/containerd/containerd.sock', 'inside', '/var/run/containerd'],
    ['/var/run/crio/crio.sock', 'inside', '/var/run/crio'],
    ['/var/run', 'is', '/var/run'],
    ['/run/secrets', 'is', '/run/secrets'],
    ['/etc', 'is', '/etc'],
    ['/etc/kubernetes/pki', 'is', '/etc/kubernetes/pki'],
    ['/etc/kubernetes/manifests', 'is', '/etc/kubernetes/manifests'],
    ['/etc/kubernetes/secrets-store-csi-providers', 'is', '/etc/kubernetes/secrets-store-csi-providers'],
    ['/var/run/secrets-store-csi-providers', 'is', '/var/run/secrets-store-csi-providers'],
    ['/var/lib/kubelet/pods', 'is', '/var/lib/kubelet/pods'],
    ['/etc/kubernetes/azure.json', 'inside', '/etc/kubernetes'],
    ['/etc/cni/net.d', 'inside', '/etc/cni'],
    ['/var/run/docker/netns', 'inside', '/var/run/docker'],
    ['/var/lib/kubelet/plugins/kubernetes.io/csi', 'inside', '/var/lib/kubelet/plugins'],
    ['/etc/rancher/k3s', 'inside', '/etc/rancher'],
    ['/etc/krb5.keytab', 'is', '/etc/krb5.keytab'],
    ['/etc/shadow-', 'is', '/etc/shadow-'],
    ['/etc/amazon/efs', 'is', '/etc/amazon/efs'],
    ['/var/lib/kubelet/plugins', 'is', '/var/lib/kubelet/plugins'],
    ['/var/lib/kubelet/plugins_registry', 'is', '/var/lib/kubelet/plugins_registry'],
    ['/proc', 'is', '/proc'],
    ['/sys/fs/cgroup', 'inside', '/sys'],
    ['/dev', 'is', '/dev'],
    ['/boot', 'is', '/boot'],
    ['/root/.ssh', 'inside', '/root'],
    ['/home', 'is', '/home'],
    ['/var/lib/docker/containers', 'is', '/var/lib/docker/containers'],
    ['/var/lib/docker/overlay2', 'inside', '/var/lib/docker'],
    ['/var/lib/containerd', 'is', '/var/lib/containerd'],
    ['/var/log', 'is', '/var/log'],
    ['/var/log/pods', 'inside', '/var/log'],
    ['/opt/cni/bin', 'is', '/opt/cni/bin'],
    ['/var', 'contains', '/var/lib/kubelet'],
    ['/var/lib', 'contains', '/var/lib/kubelet'],
    ['\\\\.\\pipe\\docker_engine', 'is', '\\\\.\\pipe\\docker_engine'],
    ['//./pipe/containerd-containerd', 'is', '//./pipe/containerd-containerd'],
    ['\\\\.\\pipe\\csi-proxy-disk-v1', 'is', '\\\\.\\pipe\\csi-proxy-disk-v1'],
    ['C:\\', 'whole', 'C:\\'],
    ['C:\\Windows\\System32', 'inside', 'C:\\Windows\\System32'],
    ['C:\\var\\lib\\kubelet', 'is', '/var/lib/kubelet'],
    ['C:\\ProgramData\\containerd\\root', 'inside', 'C:\\ProgramData\\containerd\\root'],
  ])('%s is sensitive (%s %s)', (path, relation, root) => {
    expect(sensitiveHostPath(path, true)).toMatchObject({ relation, root });
  });

  it('/boot read-only is left to k8s/no-host-path (the kernel image), writable it is sensitive', () => {
    expect(sensitiveHostPath('/boot', false)).toBeUndefined();
    expect(sensitiveHostPath('/boot/grub', true)).toMatchObject({ relation: 'inside', root: '/boot' });
  });

  it.each(['/data', '/opt/app', '/mnt/models', '/etcd-data', '/procfs', '/run/xtables.lock', '/var/run/xtables.lock', '/dev/log', '/var/lib/app', '/var/lib/kubelet/plugins/ebs.csi.aws.com/', '/var/run/efs', '/run/aws-node', 'relative/path', 'C:\\var\\log', 'C:\\var\\lib\\kubelet\\plugins\\ebs.csi.aws.com\\', '\\\\.\\pipe\\other', '{{ .Values.path }}', '/var/lib/{{ .Values.dir }}'])(
    '%s is not sensitive',
    (path) => {
      expect(sensitiveHostPath(path, true)).toBeUndefined();
    },
  );

  it('host binaries are only sensitive when writable', () => {
    expect(sensitiveHostPath('/usr', true)).toMatchObject({ relation: 'is', root: '/usr' });
    expect(sensitiveHostPath('/lib/modules', true)).toMatchObject({ relation: 'inside', root: '/lib' });
    expect(sensitiveHostPath('/usr', false)).toBeUndefined();
    // Log shippers read /var/log; writing there is what the kubelet's log symlink escape needs.
    expect(sensitiveHostPath('/var/log', false)).toBeUndefined();
    expect(sensitiveHostPath('/var/log/pods', false)).toBeUndefined();
    expect(sensitiveHostPath('/opt/cni/bin', false)).toBeUndefined();
    expect(sensitiveHostPath('/lib/modules', false)).toBeUndefined();
    expect(sensitiveHostPath('/etc', false)).toMatchObject({ root: '/etc' });
  });

  it('public files under /etc are only sensitive when writable', () => {
    expect(sensitiveHostPath('/etc/ssl/certs/ca-bundle.crt', false)).toBeUndefined();
    expect(sensitiveHostPath('/etc/localtime', false)).toBeUndefined();
    expect(sensitiveHostPath('/etc/ssl/certs', true)).toMatchObject({ root: '/etc/ssl/certs', relation: 'is' });
    expect(sensitiveHostPath('/etc/ssl/private', false)).toMatchObject({ root: '/etc/ssl/private' });
    // A tool's own configuration directory: only when writable.
    expect(sensitiveHostPath('/etc/amazon/efs', false)).toBeUndefined();
    expect(sensitiveHostPath('/etc/kubernetes', false)).toMatchObject({ root: '/etc/kubernetes' });
    expect(sensitiveHostPath('/etc/kubernetes/secrets-store-csi-providers', false)).toBeUndefined();
    expect(sensitiveHostPath('/run/secrets-store-csi-providers', false)).toBeUndefined();
    expect(sensitiveHostPath('/dev/disk/', false)).toBeUndefined();
    expect(sensitiveHostPath('/dev/disk', true)).toMatchObject({ root: '/dev', relation: 'inside' });
    expect(sensitiveHostPath('/var/lib/kubelet/pods', false)?.reason).not.toContain("kubelet's credentials");
    // Other directories below /etc/kubernetes hold credentials more often than not (Kubespray's ssl, azure.json).
    expect(sensitiveHostPath('/etc/kubernetes/ssl', false)).toMatchObject({ root: '/etc/kubernetes', relation: 'inside' });
    // Windows paths ignore case; the kubelet directory's parents contain it.
    expect(sensitiveHostPath('C:\\Var\\Lib\\Kubelet\\Pods', false)).toMatchObject({ root: '/var/lib/kubelet/pods' });
    expect(sensitiveHostPath('C:\\var\\lib', false)).toMatchObject({ root: '/var/lib/kubelet', relation: 'contains' });
    // Read-only, the CNI configuration still holds the CNI plugin's kubeconfig and token; the plugin registry does not.
    expect(sensitiveHostPath('/etc/cni/net.d', false)).toMatchObject({ root: '/etc/cni' });
    expect(sensitiveHostPath('/var/lib/kubelet/plugins_registry', false)).toBeUndefined();
    expect(sensitiveHostPath('/var/lib/kubelet/plugins_registry', true)).toMatchObject({ root: '/var/lib/kubelet/plugins_registry' });
    expect(sensitiveHostPath('/etc/kubernetes/pki/ca.crt', false)).toMatchObject({ root: '/etc/kubernetes/pki' });
  });

  it("journald's log files are read by log shippers like /var/log; its sockets stay sensitive", () => {
    expect(sensitiveHostPath('/run/log/journal', false)).toBeUndefined();
    expect(sensitiveHostPath('/var/run/log/journal', false)).toBeUndefined();
    expect(sensitiveHostPath('/run/log/journal', true)).toMatchObject({ root: '/run/log' });
    expect(sensitiveHostPath('/run/systemd/journal', false)).toMatchObject({ root: '/run/systemd' });
  });
});

ruleTester(rule, {
  valid: [
    {
      name: 'no hostPath, and a volume without hostPath',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers: [{ name: app, image: app }]
          volumes:
            - name: scratch
              emptyDir: {}
            - name: docker-sock
      `,
    },
    {
      name: 'non-sensitive host paths are left to k8s/no-host-path',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: logs }
        spec:
          template:
            spec:
              containers:
                - name: shipper
                  image: shipper
                  volumeMounts:
                    - { name: varlog, mountPath: /var/log, readOnly: true }
                    - { name: modules, mountPath: /lib/modules, readOnly: true }
                    - { name: certs, mountPath: /etc/ssl/certs, readOnly: true }
              volumes:
                - name: varlog
                  hostPath: { path: /var/log }
                - name: modules
                  hostPath: { path: /lib/modules }
                - name: certs
                  hostPath: { path: /etc/ssl/certs, type: Directory }
                - name: lock
                  hostPath: { path: /run/xtables.lock, type: FileOrCreate }
      `,
    },
    {
      name: 'templated path is unknown',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers: [{ name: web, image: web }]
              volumes:
                - name: data
                  hostPath:
                    path: "{{ .Values.hostPath }}"
      `,
    },
  ],
  invalid: [
    {
      name: 'a host path in the second pod template of a custom resource (a Ray worker group)',
      code: yaml`
        apiVersion: ray.io/v1
        kind: RayCluster
        metadata: { name: ray }
        spec:
          headGroupSpec:
            template:
              spec:
                containers: [{ name: head, image: rayproject/ray }]
          workerGroupSpecs:
            - groupName: cpu
              template:
                spec:
                  containers: [{ name: worker, image: rayproject/ray, volumeMounts: [{ name: docker, mountPath: /var/run/docker.sock }] }]
                  volumes: [{ name: docker, hostPath: { path: /var/run/docker.sock } }]
      `,
      errors: [{ line: 14, message: '/var/run/docker.sock' }],
    },
    {
      name: 'Docker socket through /var/run, at the path',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              volumeMounts:
                - { name: docker, mountPath: /var/run/docker.sock, readOnly: true }
          volumes:
            - name: docker
              hostPath:
                path: /var/run/docker.sock
                type: Socket
      `,
      errors: [{ line: 13, column: 9, message: 'Volume "docker" mounts the host path /var/run/docker.sock: the Docker daemon socket' }],
    },
    {
      name: 'node exporter style: / and /sys read-only, /proc; a trailing slash and .. do not hide anything',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: node-exporter }
        spec:
          template:
            spec:
              containers:
                - name: exporter
                  image: exporter
                  volumeMounts:
                    - { name: root, mountPath: /host/root, readOnly: true }
                    - { name: sys, mountPath: /host/sys, readOnly: true }
                    - { name: proc, mountPath: /host/proc, readOnly: true }
              volumes:
                - name: root
                  hostPath: { path: / }
                - name: sys
                  hostPath: { path: /sys/ }
                - name: proc
                  hostPath: { path: /opt/../proc }
      `,
      errors: [
        { line: 16, message: "the node's whole filesystem" },
        { line: 18, message: 'kernel, cgroup and BPF' },
        { line: 20, message: 'the host path /opt/../proc' },
      ],
    },
    {
      name: 'ancestor of a sensitive directory, and containerd socket in an init container pod',
      code: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: s }
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  image: init
                  volumeMounts: [{ name: var, mountPath: /host/var }]
              containers: [{ name: app, image: app }]
              volumes:
                - name: var
                  hostPath: { path: /var }
                - name: containerd
                  hostPath: { path: /run/containerd/containerd.sock }
      `,
      errors: [
        { line: 14, message: 'which contains /var/lib/kubelet' },
        { line: 16, message: 'inside /run/containerd: the containerd socket' },
      ],
    },
    {
      name: 'writable host binaries and writable CA certificates',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: installer }
        spec:
          template:
            spec:
              containers:
                - name: install
                  image: install
                  volumeMounts:
                    - { name: plugins, mountPath: /flexmnt }
                    - { name: certs, mountPath: /certs, readOnly: false }
                - name: reader
                  image: reader
                  volumeMounts:
                    - { name: certs, mountPath: /certs, readOnly: true }
              volumes:
                - name: plugins
                  hostPath: { path: /usr/libexec/kubernetes/kubelet-plugins/volume/exec/ }
                - name: certs
                  hostPath: { path: /etc/ssl/certs }
      `,
      errors: [
        { line: 19, message: 'inside /usr: the host binaries' },
        { line: 21, message: 'mounts the host path /etc/ssl/certs: the CA certificates the node trusts' },
      ],
    },
    {
      name: 'CronJob, hostPath without a path is reported by k8s/no-host-path only',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: backup }
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers: [{ name: backup, image: backup }]
                  volumes:
                    - name: kubelet
                      hostPath:
                        path: /var/lib/kubelet
                    - name: broken
                      hostPath: {}
      `,
      errors: [{ line: 15, message: "the kubelet's state" }],
    },
    {
      name: 'PersistentVolume of type hostPath',
      code: yaml`
        apiVersion: v1
        kind: PersistentVolume
        metadata: { name: pv }
        spec:
          capacity: { storage: 1Gi }
          accessModes: [ReadWriteOnce]
          hostPath:
            path: /etc/kubernetes
      `,
      errors: [{ line: 8, message: 'PersistentVolume "pv" exposes the host path /etc/kubernetes: the node\'s Kubernetes configuration and credentials' }],
    },
    {
      name: 'Windows container runtime named pipe, JSON input',
      filename: 'case.json',
      code: yaml`
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": { "name": "win" },
          "spec": {
            "containers": [{ "name": "a", "image": "a" }],
            "volumes": [
              { "name": "pipe", "hostPath": { "path": "\\\\\\\\.\\\\pipe\\\\docker_engine" } }
            ]
          }
        }
      `,
      errors: [{ line: 8, message: 'named pipe' }],
    },
  ],
});
