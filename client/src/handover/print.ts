/**
 * Printing one part of the handover page: the part is named on <html> for the print
 * style sheet (handover.css, `@media print`) and forgotten once the printing is done.
 */
export function printPart(part: 'handover' | 'history'): void {
  const root = document.documentElement;
  root.dataset.print = part;
  const done = () => {
    delete root.dataset.print;
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}
