// 核查: the list upload posts the file itself as the request body (no multipart parser on the server),
// with its name, the purpose and the form's CSRF token in headers, then opens the check's answer.
/* global document, fetch, window */
(function () {
  const form = document.getElementById('check-upload');
  if (!form) return;
  const error = form.querySelector('[data-upload-error]');
  const show = (message) => {
    error.textContent = message;
    error.hidden = false;
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const file = form.querySelector('input[type=file]').files[0];
    const purpose = form.querySelector('select[name=purpose]').value;
    if (!file) return show(document.documentElement.lang === 'en' ? 'Choose a file first.' : '请先选择文件');
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const res = await fetch('/check/upload', {
        method: 'POST',
        body: file,
        headers: {
          'content-type': 'application/octet-stream',
          'x-file-name': encodeURIComponent(file.name),
          'x-check-purpose': encodeURIComponent(purpose),
          'x-csrf-token': form.dataset.csrf,
        },
      });
      const body = await res.json().catch(() => null);
      if (res.ok && body && body.location) return void (window.location.href = body.location);
      show((body && body.error && body.error.message) || `${res.status} ${res.statusText}`);
    } catch (e) {
      show(String(e));
    } finally {
      button.disabled = false;
    }
  });
})();
