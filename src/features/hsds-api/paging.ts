/** The HSDS page object around every list. */

export type HsdsPage<T> = {
  total_items: number;
  total_pages: number;
  page_number: number;
  /** Number of items on this page (HSDS: "the number of entities in the current page"). */
  size: number;
  first_page: boolean;
  last_page: boolean;
  /** This page has no items (a page past the end, or no matches at all). */
  empty: boolean;
  contents: T[];
};

/**
 * One page of `items` (1-based `page`), presenting only the items on it.
 * A page past the end is an empty page, not an error: a client walking the
 * pages while the directory shrinks should simply stop.
 */
export function paginate<T, U>(
  items: readonly T[],
  page: number,
  perPage: number,
  present: (item: T) => U,
): HsdsPage<U> {
  const totalPages = Math.ceil(items.length / perPage);
  const contents = items.slice((page - 1) * perPage, page * perPage).map(present);
  return {
    total_items: items.length,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
