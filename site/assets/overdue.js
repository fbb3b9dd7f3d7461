// The site is built now and then; "overdue" is judged again against the reader's today. Rows with
// `data-due` are open action items. Without JavaScript the page keeps the build's marks and says so.

const pad = (number) => String(number).padStart(2, '0');
const now = new Date();
const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
const dayMs = 86_400_000;

function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

for (const row of document.querySelectorAll('tr[data-due]')) {
  const days = daysBetween(row.dataset.due, today);
  const overdue = days > 0;
  row.classList.toggle('is-overdue', overdue);
  const mark = row.querySelector('[data-overdue-mark]');
  if (mark) mark.textContent = overdue ? `Overdue by ${days} day${days === 1 ? '' : 's'}` : '';
}

// Counts over more items than the page lists: overdue when built, plus those due since.
for (const count of document.querySelectorAll('[data-overdue-at-build]')) {
  const since = count.dataset.upcoming.split(' ').filter((due) => due !== '' && daysBetween(due, today) > 0).length;
  count.textContent = String(Number(count.dataset.overdueAtBuild) + since);
}

for (const note of document.querySelectorAll('[data-as-of-note]')) {
  note.textContent =
    note.dataset.asOf === today ? `Overdue as of today, ${today}.` : `Overdue as of today, ${today} (the site was built on ${note.dataset.asOf}).`;
}

// Sortable due dates: the header becomes a button; ascending (the default) puts overdue items first.
for (const table of document.querySelectorAll('table[data-sortable]')) {
  const header = table.querySelector('th[data-sort-due]');
  const body = table.tBodies[0];
  if (!header || !body) continue;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'sort-button';
  button.textContent = header.textContent;
  header.replaceChildren(button);
  button.addEventListener('click', () => {
    const descending = header.getAttribute('aria-sort') === 'ascending';
    header.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    const rows = [...body.rows].sort((a, b) => (a.dataset.due < b.dataset.due ? -1 : a.dataset.due > b.dataset.due ? 1 : 0));
    if (descending) rows.reverse();
    body.append(...rows);
  });
}
