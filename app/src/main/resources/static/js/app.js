/*
 * Behaviour every page shares, kept out of the HTML so the Content-Security-Policy can refuse inline script:
 *  - htmx requests carry the CSRF token from the layout's meta tags (forms carry it as a hidden field);
 *  - <select data-submit-clearing="town"> submits its form on change after clearing the named field.
 */
(function () {
  'use strict';

  document.addEventListener('htmx:configRequest', function (e) {
    var h = document.querySelector('meta[name=csrf-header]'), t = document.querySelector('meta[name=csrf-token]');
    if (h && t) e.detail.headers[h.content] = t.content;
  });

  document.addEventListener('change', function (e) {
    var select = e.target;
    if (!select.matches || !select.matches('select[data-submit-clearing]') || !select.form) return;
    var cleared = select.form.elements[select.getAttribute('data-submit-clearing')];
    if (cleared) cleared.value = '';
    select.form.submit();
  });
})();
