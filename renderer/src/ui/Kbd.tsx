import type { ReactNode } from 'react';

/** A key cap, e.g. <Kbd>Ctrl+O</Kbd>. */
export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="kbd">{children}</kbd>;
}
