/**
 * Raw terminal input chunks, as ink's input parser splits them (text runs and single escape
 * sequences), without useInput's flattening that loses function keys. Raw mode is requested
 * through ink (never stdin.setRawMode directly), only while active and only where supported,
 * so an inactive hook lets ink release the terminal (for $EDITOR).
 */
import { useEffect, useRef } from 'react';
import { useStdin } from 'ink';

export function useRawInput(handler: (raw: string) => void, isActive: boolean): void {
  const { setRawMode, isRawModeSupported, internal_eventEmitter: events } = useStdin();
  const active = isActive && isRawModeSupported;
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!active) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [active, setRawMode]);
  useEffect(() => {
    if (!active) return;
    const listener = (data: string) => ref.current(data);
    events.on('input', listener);
    return () => {
      events.removeListener('input', listener);
    };
  }, [active, events]);
}
