import type { TFunction } from 'i18next';

/** The model's own milestones are worded per language by key; a town's own keep their title. */
export function milestoneTitle(t: TFunction, milestone: { templateKey?: string | null; title: string }): string {
  return milestone.templateKey ? t(`milestones.templates.${milestone.templateKey}`, { defaultValue: milestone.title }) : milestone.title;
}
