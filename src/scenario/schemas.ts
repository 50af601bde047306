/**
 * JSON Schemas (draft 2020-12) for Scenario, Grader and Exam files: the authority on their
 * format. `npm run schemas` writes them to schemas/*.schema.json for editors
 * (`# yaml-language-server: $schema=../schemas/scenario.schema.json`); a test keeps the two in step.
 */

const BASE = 'https://kubedrill.dev/schemas';
const DNS_NAME = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
const DURATION = '^([0-9]+h)?([0-9]+m)?([0-9]+s)?$';

const str = (description: string, extra: object = {}) => ({ type: 'string', description, ...extra });
const strMap = (description: string) => ({ type: 'object', description, additionalProperties: { type: 'string' } });

const metadata = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: str('Identifier, also the file name without .yaml.', { pattern: DNS_NAME }),
    title: str('One line shown in lists and headers.'),
    description: str('A paragraph for `kubedrill list`.'),
    tags: { type: 'array', items: { type: 'string' }, description: 'For filtering: cka, ckad, cks, troubleshooting, ...' },
    scenario: str('Grader only: the scenario this key grades (defaults to metadata.name).'),
  },
};

const fieldMap = { type: 'object', description: 'Field path (spec.containers[0].image) to the value to set.', minProperties: 1 };

const fileDecl = {
  type: 'object',
  required: ['host', 'path'],
  additionalProperties: false,
  properties: {
    host: str('Host name: the workstation or a node.'),
    path: str('Absolute path.', { pattern: '^/' }),
    content: str('File content.'),
    mode: str('Octal mode, e.g. "0644".', { pattern: '^0?[0-7]{3,4}$' }),
    owner: str('Owning account name (default root).'),
    directory: { type: 'boolean', description: 'Create a directory instead of a file.' },
  },
};

const breakage = {
  description: 'One fault injected after the cluster boots. Exactly one kind per entry.',
  type: 'object',
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
  properties: {
    file: {
      type: 'object',
      required: ['host', 'path'],
      additionalProperties: false,
      properties: {
        host: str('Host name.'),
        path: str('Absolute path of an existing file.', { pattern: '^/' }),
        content: str('Replace the whole content.'),
        append: str('Append text.'),
        replace: { type: 'array', items: { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: { type: 'string', minLength: 1 }, to: { type: 'string' }, all: { type: 'boolean' } } } },
        set: fieldMap,
        remove: { type: 'array', items: { type: 'string' } },
        delete: { type: 'boolean' },
        mode: str('Octal mode.', { pattern: '^0?[0-7]{3,4}$' }),
      },
    },
    staticPod: {
      type: 'object',
      required: ['node', 'component'],
      additionalProperties: false,
      properties: {
        node: str('Control-plane node name.'),
        component: str('Manifest name without .yaml: kube-apiserver, kube-scheduler, kube-controller-manager, etcd.'),
        set: { ...fieldMap, description: 'Paths relative to the first container (command[0], image); prefix pod. for pod fields.' },
        flags: { type: 'object', description: 'Command flags: a value sets --name=value, null removes the flag.', additionalProperties: { type: ['string', 'null'] }, minProperties: 1 },
      },
    },
    service: {
      type: 'object',
      required: ['node', 'unit'],
      additionalProperties: false,
      properties: { node: str('Node name.'), unit: str('systemd unit: kubelet or containerd.'), stop: { type: 'boolean' }, disable: { type: 'boolean' } },
    },
    object: {
      type: 'object',
      required: ['kind', 'name'],
      additionalProperties: false,
      properties: {
        cluster: str('Cluster name (default: the scenario\'s only cluster).'),
        apiVersion: str('apiVersion when the kind is ambiguous.'),
        kind: str('Kind, e.g. Deployment.'),
        namespace: str('Namespace (default "default" for namespaced kinds).'),
        name: str('Object name.'),
        set: fieldMap,
        remove: { type: 'array', items: { type: 'string' } },
        delete: { type: 'boolean' },
      },
    },
    node: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        cluster: str('Cluster name.'),
        name: str('Node name.'),
        taints: { type: 'array', items: { type: 'object', required: ['key', 'effect'], additionalProperties: false, properties: { key: { type: 'string' }, value: { type: 'string' }, effect: { enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] } } } },
        cordon: { type: 'boolean' },
        labels: { type: 'object', additionalProperties: { type: ['string', 'null'] } },
      },
    },
    cni: {
      type: 'object',
      additionalProperties: false,
      properties: { cluster: str('Cluster name.'), node: str('Node name (default: every node).'), range: str('New IPAM range (CIDR).'), removeConfig: { type: 'boolean' }, removeBinary: str('Plugin binary to delete from /opt/cni/bin.') },
    },
    kubeconfig: {
      type: 'object',
      required: ['host', 'path'],
      additionalProperties: false,
      properties: { host: str('Host name.'), path: str('Kubeconfig path.', { pattern: '^/' }), server: str('New server URL of every cluster entry.'), context: str('New current-context.'), user: str('New user of the current context.'), namespace: str('New namespace of the current context.') },
    },
    certificate: {
      type: 'object',
      required: ['host', 'path'],
      additionalProperties: false,
      properties: {
        host: str('Host name.'),
        path: str('Certificate path (PEM).', { pattern: '^/' }),
        expired: { type: ['boolean', 'string'], description: 'true: expired one day before the start; or the RFC 3339 instant it expired.' },
        wrongCa: { type: 'boolean' },
        cn: str('New subject CN.'),
        sans: { type: 'array', items: { type: 'string' } },
      },
    },
    rbac: {
      type: 'object',
      required: ['kind', 'name'],
      additionalProperties: false,
      properties: {
        cluster: str('Cluster name.'),
        kind: { enum: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'] },
        namespace: str('Namespace of a Role or RoleBinding.'),
        name: str('Object name.'),
        removeRule: { type: 'object', additionalProperties: false, properties: { resources: { type: 'array', items: { type: 'string' } }, verbs: { type: 'array', items: { type: 'string' } } } },
        removeSubject: str('Subject name to drop from a binding.'),
        delete: { type: 'boolean' },
      },
    },
  },
};

export const scenarioSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${BASE}/scenario.schema.json`,
  title: 'kubedrill Scenario',
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'kubedrill.dev/v1' },
    kind: { const: 'Scenario' },
    metadata,
    spec: {
      type: 'object',
      required: ['clusters', 'tasks'],
      additionalProperties: false,
      properties: {
        duration: str('Suggested time, e.g. 15m.', { pattern: DURATION }),
        startTime: str('Virtual instant the session starts (RFC 3339).', { format: 'date-time' }),
        seed: { type: 'integer', description: 'Seed of the simulation (default 1).' },
        workstation: {
          type: 'object',
          additionalProperties: false,
          properties: { hostname: str('Workstation host name (default terminal).', { pattern: DNS_NAME }), files: { type: 'array', items: fileDecl } },
        },
        clusters: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['name'],
            additionalProperties: false,
            properties: {
              name: str('Cluster name.', { pattern: DNS_NAME }),
              context: str('kubeconfig context name (default: the cluster name).'),
              version: str('Kubernetes version, e.g. v1.33.2.', { pattern: '^v1\\.[0-9]+\\.[0-9]+$' }),
              cni: { enum: ['calico', 'flannel', 'weave', 'cilium'] },
              podCidr: str('Pod network.'),
              serviceCidr: str('Service network.'),
              nodes: {
                type: 'array',
                minItems: 1,
                items: {
                  type: 'object',
                  required: ['name'],
                  additionalProperties: false,
                  properties: {
                    name: str('Node host name.', { pattern: DNS_NAME }),
                    role: { enum: ['control-plane', 'worker'] },
                    cpu: { type: 'integer', minimum: 1 },
                    memory: str('Memory, e.g. 4Gi.', { pattern: '^[0-9]+(Mi|Gi)$' }),
                    maxPods: { type: 'integer', minimum: 1 },
                    labels: strMap('Extra node labels.'),
                  },
                },
              },
              objects: { type: 'array', description: 'Manifests created after boot, as cluster-admin.', items: { type: 'object', required: ['apiVersion', 'kind', 'metadata'] } },
              files: { type: 'array', items: fileDecl },
              breakages: { type: 'array', items: breakage },
            },
          },
        },
        tasks: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['id', 'context', 'weight', 'domain', 'title', 'text'],
            additionalProperties: false,
            properties: {
              id: str('Task id, unique in the scenario.', { pattern: DNS_NAME }),
              context: str('The kubeconfig context the task is solved in.'),
              weight: { type: 'number', exclusiveMinimum: 0, description: 'Share of the exam score.' },
              domain: str('Curriculum domain, e.g. Troubleshooting.'),
              title: str('One line.'),
              text: str('The task as the candidate reads it (Markdown).'),
            },
          },
        },
      },
    },
  },
};

const objectRef = {
  type: 'object',
  required: ['kind'],
  properties: {
    cluster: str('Cluster name.'),
    apiVersion: str('apiVersion when the kind is ambiguous.'),
    kind: str('Kind or resource name.'),
    namespace: str('Namespace; omitted on list means all namespaces.'),
    name: str('Object name.'),
    selector: str('Label selector (list).'),
    fieldSelector: str('Field selector (list).'),
  },
};

const expectation: Record<string, unknown> = {
  $anchor: 'expectation',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    path: str('JSONPath (jsonpath-plus) into the object, or the list for list checks. Default $.'),
    equals: { description: 'Every value found equals this.' },
    notEquals: {},
    matches: str('Regular expression every value found matches.'),
    exists: { type: 'boolean', description: 'The path finds at least one value (true) or none (false).' },
    contains: { description: 'The value (a list or string) contains this.' },
    in: { type: 'array', description: 'Every value found is one of these.' },
    count: { type: 'object', additionalProperties: false, properties: { min: { type: 'integer' }, max: { type: 'integer' }, equals: { type: 'integer' } } },
    all: { $ref: '#expectation', description: 'Every value found satisfies this (applied to each value).' },
    any: { $ref: '#expectation', description: 'At least one value found satisfies this.' },
    gte: { type: 'number' },
    lte: { type: 'number' },
  },
};

const expectField = { oneOf: [{ $ref: '#expectation' }, { type: 'array', minItems: 1, items: { $ref: '#expectation' } }] };
const checkCommon = { title: str('What the candidate sees: a sentence about the cluster.'), weight: { type: 'number', exclusiveMinimum: 0, description: 'Default 1.' }, hint: str('Shown when the check fails.') };

const check = {
  type: 'object',
  required: ['title'],
  oneOf: [
    { required: ['get', 'expect'], properties: { ...checkCommon, get: { ...objectRef, required: ['kind', 'name'], additionalProperties: false }, expect: expectField }, additionalProperties: false },
    { required: ['list', 'expect'], properties: { ...checkCommon, list: { ...objectRef, additionalProperties: false }, expect: expectField }, additionalProperties: false },
    {
      required: ['canI'],
      additionalProperties: false,
      properties: {
        ...checkCommon,
        canI: {
          type: 'object',
          required: ['user', 'verb', 'resource', 'allowed'],
          additionalProperties: false,
          properties: { cluster: { type: 'string' }, user: { type: 'string' }, groups: { type: 'array', items: { type: 'string' } }, verb: { type: 'string' }, resource: { type: 'string' }, subresource: { type: 'string' }, namespace: { type: 'string' }, name: { type: 'string' }, allowed: { type: 'boolean' } },
        },
      },
    },
    {
      required: ['certificate'],
      additionalProperties: false,
      properties: {
        ...checkCommon,
        certificate: {
          type: 'object',
          required: ['expect'],
          additionalProperties: false,
          properties: {
            host: { type: 'string' },
            path: { type: 'string' },
            cluster: { type: 'string' },
            secret: { type: 'object', required: ['namespace', 'name', 'key'], additionalProperties: false, properties: { cluster: { type: 'string' }, namespace: { type: 'string' }, name: { type: 'string' }, key: { type: 'string' } } },
            csr: { type: 'object', required: ['name'], additionalProperties: false, properties: { cluster: { type: 'string' }, name: { type: 'string' } } },
            expect: {
              type: 'object',
              additionalProperties: false,
              minProperties: 1,
              properties: {
                signedByClusterCa: { type: 'boolean' },
                validNow: { type: 'boolean' },
                cn: { type: 'string' },
                organizations: { type: 'array', items: { type: 'string' } },
                sans: { type: 'array', items: { type: 'string' } },
                usages: { type: 'array', items: { type: 'string' } },
                validForDaysAtLeast: { type: 'number' },
              },
            },
          },
        },
      },
    },
    {
      required: ['file'],
      additionalProperties: false,
      properties: {
        ...checkCommon,
        file: {
          type: 'object',
          required: ['host', 'path'],
          additionalProperties: false,
          properties: {
            host: { type: 'string' },
            path: { type: 'string', pattern: '^/' },
            exists: { type: 'boolean' },
            contains: { type: 'string' },
            matches: { type: 'string' },
            equals: { type: 'string' },
            equalsCommand: { type: 'object', required: ['run'], additionalProperties: false, properties: { host: { type: 'string' }, run: { type: 'string' } } },
            equalsQuery: { ...objectRef, required: ['kind', 'path'], additionalProperties: false, properties: { ...objectRef.properties, path: { type: 'string' }, sort: { type: 'boolean' } } },
          },
        },
      },
    },
    {
      required: ['command'],
      additionalProperties: false,
      properties: {
        ...checkCommon,
        command: {
          type: 'object',
          required: ['run'],
          additionalProperties: false,
          properties: {
            host: { type: 'string' },
            user: { type: 'string' },
            run: { type: 'string' },
            exitCode: { type: 'integer' },
            stdout: { type: 'object', additionalProperties: false, properties: { contains: { type: 'string' }, matches: { type: 'string' }, equals: { type: 'string' } } },
          },
        },
      },
    },
    { required: ['ready'], additionalProperties: false, properties: { ...checkCommon, ready: { ...objectRef, additionalProperties: false, properties: { ...objectRef.properties, ready: { type: 'boolean' } } } } },
  ],
};

export const graderSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${BASE}/grader.schema.json`,
  title: 'kubedrill Grader (answer key)',
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  $defs: { expectation },
  properties: {
    apiVersion: { const: 'kubedrill.dev/v1' },
    kind: { const: 'Grader' },
    metadata,
    spec: {
      type: 'object',
      required: ['tasks'],
      additionalProperties: false,
      properties: {
        tasks: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['id', 'checks', 'solution'],
            additionalProperties: false,
            properties: {
              id: str('The scenario task this grades.'),
              checks: { type: 'array', minItems: 1, items: check },
              solution: str('Reference solution: command lines run from the workstation.'),
              hints: { type: 'array', items: { type: 'string' } },
              explanation: str('Why the solution works (shown in the report).'),
            },
          },
        },
      },
    },
  },
};

export const examSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${BASE}/exam.schema.json`,
  title: 'kubedrill Exam',
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'kubedrill.dev/v1' },
    kind: { const: 'Exam' },
    metadata,
    spec: {
      type: 'object',
      required: ['duration', 'tasks'],
      additionalProperties: false,
      properties: {
        duration: str('Exam time, e.g. 120m.', { pattern: DURATION }),
        passMark: { type: 'number', minimum: 0, maximum: 100, description: 'Percent needed to pass (default 66).' },
        domains: { type: 'object', description: 'Curriculum domain weights in percent, for the report.', additionalProperties: { type: 'number' } },
        tasks: {
          type: 'array',
          minItems: 1,
          items: { type: 'object', required: ['scenario'], additionalProperties: false, properties: { scenario: str('Scenario name.'), task: str('One task id of it (default: all its tasks).') } },
        },
      },
    },
  },
};

export const SCHEMAS = { scenario: scenarioSchema, grader: graderSchema, exam: examSchema } as const;
