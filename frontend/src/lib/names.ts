/** Towns and regions carry a Hebrew and an English name and may carry an Arabic one. */
export type PlaceNames = { nameHe: string; nameEn: string; nameAr?: string | null };

/** The name in the UI language; Arabic readers of a place without an Arabic name see the Hebrew one. */
export function localName(item: PlaceNames | null | undefined, language: string): string {
  if (!item) return '';
  if (language === 'en') return item.nameEn;
  if (language === 'ar') return item.nameAr || item.nameHe;
  return item.nameHe;
}

export const SECTORS = ['GOVERNMENT', 'PHILANTHROPY', 'THIRD_SECTOR', 'BUSINESS', 'LOCAL_GOVERNMENT', 'CIVIL_SOCIETY', 'ACADEMIA'] as const;
export const SENIORITIES = ['HEAD', 'SENIOR', 'MIDDLE', 'STAFF'] as const;
