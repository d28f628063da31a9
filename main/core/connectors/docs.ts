import { acceptedFormatsText } from '../recording/describe.ts';
import type { ConnectorDeclaration, OptionDeclaration, OptionType } from './declaration.ts';
import { callDetailsMapping, defaultOptions } from './call-details-mapping.ts';
import { formatBytes } from './destination-check.ts';

/** docs/connectors.md, written from the connectors' declarations. */
export function connectorsMarkdown(connectors: readonly ConnectorDeclaration[]): string {
  const lines = [
    '# Connectors',
    '',
    '<!-- Generated from main/core/connectors/*/ by `node build/generate.ts`: edit the declarations, not this file. -->',
    '',
    'Each destination profile names a `connector` and sets its `options`. Secrets are never',
    'written in the config file: store them in the keychain with',
    '`call-courier secret set PROFILE FIELD` (the headless service also reads',
    '`CALL_COURIER_<PROFILE>_<FIELD>` from its environment).',
    '',
  ];
  for (const c of connectors) lines.push(...connectorSection(c));
  return `${lines.join('\n').trimEnd()}\n`;
}

function connectorSection(c: ConnectorDeclaration): string[] {
  const caps = c.capabilities;
  const abilities = [
    caps.lookup && 'can tell whether a recording is already there',
    caps.metadataUpdate && 'updates call metadata after upload',
    caps.statusPolling && 'reports processing status',
    caps.heartbeat && 'receives heartbeats',
  ].filter(Boolean);
  return [
    `## ${c.label} — \`${c.id}\``,
    '',
    c.summary,
    '',
    `- Accepts: ${acceptedFormatsText(caps.formats)}${caps.requiresStereo ? ', stereo only (agent and client on separate channels)' : ''}.`,
    ...(caps.maxBytes ? [`- Largest file: ${formatBytes(caps.maxBytes)}.`] : []),
    ...(abilities.length ? [`- The platform ${abilities.join(', ')}.`] : []),
    `- Vendor documentation: ${c.docsUrl}`,
    '',
    '| option | type | default | description |',
    '| --- | --- | --- | --- |',
    ...c.options.map(optionRow),
    '',
    ...(c.details ?? []).flatMap((paragraph) => [paragraph, '']),
    ...mappingSection(c),
  ];
}

/** How each call detail reaches the platform, per set-up that changes it. */
function mappingSection(c: ConnectorDeclaration): string[] {
  if (!c.callDetails) return [];
  const variants = c.callDetailsVariants ?? [{ label: '', options: {} }];
  return variants.flatMap((variant) => {
    const mapping = callDetailsMapping(c, { ...defaultOptions(c), ...variant.options }) ?? [];
    return [
      `How call details are sent${variant.label ? ` (${variant.label})` : ''}:`,
      '',
      '| call detail | sent as |',
      '| --- | --- |',
      ...mapping.map(
        (m) =>
          `| \`${m.field}\` | ${m.targets.length ? m.targets.map((t) => `\`${t}\``).join(', ') : 'not sent'} |`,
      ),
      '',
    ];
  });
}

/** How each option type is named in the table (enums list their choices instead). */
const TYPE_NAMES: Readonly<Record<OptionType, string>> = {
  string: 'string',
  url: 'url',
  boolean: 'boolean',
  integer: 'integer',
  enum: 'enum',
  map: 'object of name → text',
  'integer-list': 'list of integers',
};

function optionRow(o: OptionDeclaration): string {
  const type = o.secret
    ? 'secret (keychain)'
    : o.type === 'enum'
      ? (o.choices ?? []).map((x) => `\`${x.value}\``).join(' \\| ')
      : TYPE_NAMES[o.type];
  const fallback =
    o.default === undefined ? (o.required ? 'required' : '') : `\`${JSON.stringify(o.default)}\``;
  const help =
    `${o.label}. ${o.help}${o.examples ? ` Example: \`${o.examples[0]}\`.` : ''}`.replaceAll(
      '|',
      '\\|',
    );
  return `| \`${o.name}\` | ${type} | ${fallback} | ${help} |`;
}
