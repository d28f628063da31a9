import type { ConnectorInfo, ConnectorOptionInfo } from '../../../preload/api.ts';
import type { ConnectorDeclaration, OptionDeclaration } from '../connectors/declaration.ts';
import { CONNECTORS } from '../connectors/registry.ts';
import { acceptedFormatsText } from '../recording/describe.ts';

/** Every connector as the settings form needs it, in the registry's order. */
export function connectorInfos(
  connectors: readonly ConnectorDeclaration[] = CONNECTORS,
): ConnectorInfo[] {
  return connectors.map(connectorInfo);
}

/** A connector's declaration as plain data: what the form draws, without its functions. */
export function connectorInfo(connector: ConnectorDeclaration): ConnectorInfo {
  const { formats, requiresStereo, maxBytes } = connector.capabilities;
  return {
    id: connector.id,
    label: connector.label,
    summary: connector.summary,
    docsUrl: connector.docsUrl,
    options: connector.options.map(optionInfo),
    capabilities: {
      formats: acceptedFormatsText(formats),
      requiresStereo,
      ...(maxBytes !== undefined && { maxBytes }),
    },
  };
}

/** The fields of an option a form uses, copied one by one so that nothing else travels. */
function optionInfo(option: OptionDeclaration): ConnectorOptionInfo {
  const info: Record<string, unknown> = {
    name: option.name,
    label: option.label,
    type: option.type,
    help: option.help,
  };
  for (const key of OPTIONAL_FIELDS) {
    const value = option[key];
    if (value !== undefined) info[key] = structuredClone(value);
  }
  return info as unknown as ConnectorOptionInfo;
}

const OPTIONAL_FIELDS = [
  'required',
  'default',
  'secret',
  'advanced',
  'choices',
  'min',
  'max',
  'examples',
  'placeholders',
] as const satisfies readonly (keyof OptionDeclaration)[];
