// The printable decision's "Imprimer" button: shown only where scripts run (the browser's own
// print command works without it), never printed itself.
document.addEventListener('DOMContentLoaded', () => {
    for (const button of document.querySelectorAll('[data-print]')) {
        button.hidden = false;
        button.addEventListener('click', () => window.print());
    }
});
