/** Places and regions carry a Hebrew and an English name; show the one of the UI language. */
export function localName(item: { nameHe: string; nameEn: string } | null | undefined, language: string): string {
  if (!item) return '';
  return language === 'en' ? item.nameEn : item.nameHe;
}

export const SECTORS = ['GOVERNMENT', 'PHILANTHROPY', 'THIRD_SECTOR', 'BUSINESS', 'LOCAL_GOVERNMENT', 'CIVIL_SOCIETY', 'ACADEMIA'] as const;
export const SENIORITIES = ['HEAD', 'SENIOR', 'MIDDLE', 'STAFF'] as const;
