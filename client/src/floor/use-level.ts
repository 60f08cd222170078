/** A figure's warning level with memory (hysteresis), for as long as the component lives. */
import { useRef } from 'react';
import { nextLevel, type Level, type ThresholdSpec } from './thresholds.js';

export function useLevel(spec: ThresholdSpec, value: number | null): Level {
  const previous = useRef<Level>('normal');
  const level = nextLevel(spec, previous.current, value);
  previous.current = level;
  return level;
}
