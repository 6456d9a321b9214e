import type { CveEntry } from './versions.js';

/**
 * A small CVE list used when `data/kubernetes-cves.json` is absent. Facts from the Kubernetes
 * security announcements (the issues linked below, listed in the official CVE feed): the first
 * patched release of each minor line.
 */
export const BUNDLED_CVES: CveEntry[] = [
  {
    id: 'CVE-2018-1002105',
    component: 'kube-apiserver',
    severity: 'critical',
    summary: 'Proxied upgrade requests let a user escalate to cluster-admin through the API server',
    url: 'https://github.com/kubernetes/kubernetes/issues/71411',
    fixed: ['1.10.11', '1.11.5', '1.12.3'],
  },
  {
    id: 'CVE-2019-11253',
    component: 'kube-apiserver',
    severity: 'high',
    summary: 'YAML/JSON parsing of malicious payloads ("billion laughs") exhausts API server memory',
    url: 'https://github.com/kubernetes/kubernetes/issues/83253',
    fixed: ['1.13.12', '1.14.8', '1.15.5', '1.16.2'],
  },
  {
    id: 'CVE-2020-8558',
    component: 'kube-proxy',
    severity: 'medium',
    summary: 'kube-proxy sets route_localnet, exposing node-local services to adjacent hosts',
    url: 'https://www.cve.org/CVERecord?id=CVE-2020-8558',
    fixed: ['1.16.11', '1.17.7', '1.18.4'],
  },
  {
    id: 'CVE-2021-25741',
    component: 'kubelet',
    severity: 'high',
    summary: 'Symlink exchange with subPath volume mounts gives access to host files',
    url: 'https://github.com/kubernetes/kubernetes/issues/104980',
    fixed: ['1.19.15', '1.20.11', '1.21.5', '1.22.2'],
  },
  {
    id: 'CVE-2023-2728',
    component: 'kube-apiserver',
    severity: 'medium',
    summary: 'Ephemeral containers bypass the mountable secrets policy of the ServiceAccount admission plugin',
    url: 'https://github.com/kubernetes/kubernetes/issues/118640',
    fixed: ['1.24.15', '1.25.11', '1.26.6', '1.27.3'],
  },
  {
    id: 'CVE-2024-3177',
    component: 'kube-apiserver',
    severity: 'low',
    summary: 'envFrom bypasses the mountable secrets policy of the ServiceAccount admission plugin',
    url: 'https://github.com/kubernetes/kubernetes/issues/124336',
    fixed: ['1.27.13', '1.28.9', '1.29.4'],
  },
  {
    id: 'CVE-2025-0426',
    component: 'kubelet',
    severity: 'medium',
    summary: 'Checkpoint requests to the kubelet read-only port fill the node disk (denial of service)',
    url: 'https://www.cve.org/CVERecord?id=CVE-2025-0426',
    fixed: ['1.29.14', '1.30.10', '1.31.6', '1.32.2'],
  },
];
