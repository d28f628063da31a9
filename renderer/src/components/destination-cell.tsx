import { useDestinationName } from '../app/destination-names.ts';

/** The cell naming where a recording goes. */
export function DestinationCell(props: { readonly id: string }) {
  return (
    <div role="cell" className="cell">
      {useDestinationName(props.id)}
    </div>
  );
}
