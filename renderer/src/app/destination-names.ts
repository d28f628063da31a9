import { createContext, useContext } from 'react';

/** The destination profiles' names by id, as the status lists them (Ender Turing (emulated) for et). */
export const DestinationNames = createContext<ReadonlyMap<string, string>>(new Map());

/** A destination's name for people: its label when the status knows it, else its id. */
export function useDestinationName(id: string): string {
  return useContext(DestinationNames).get(id) ?? id;
}
