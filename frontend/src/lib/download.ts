import { accessToken } from '@/lib/session';

/**
 * Downloads a file the server only gives to a signed-in request (a link cannot carry the
 * session's token). Returns whether it worked.
 */
export async function downloadWithSession(path: string, filename: string): Promise<boolean> {
  const token = await accessToken();
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) return false;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
  return true;
}
