/** The one hook the screen uses: the model's current view, re-rendered on every change. */
import { useSyncExternalStore } from 'react';
import type { ExamModel, ExamView } from './model.js';

export function useExam(model: ExamModel): ExamView {
  return useSyncExternalStore(model.subscribe, model.getView, model.getView);
}
