// Saves each answer as soon as it is given, so a dropped connection loses nothing.
// Without JavaScript the "Save answers" button does the same.
document.querySelectorAll("form.quiz-form").forEach((form) => {
  const status = form.querySelector(".save-status");
  const save = () => {
    fetch(form.dataset.saveUrl, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    })
      .then((response) => response.json())
      .then((data) => {
        status.textContent = data.error || form.dataset.savedText;
      })
      .catch(() => {
        status.textContent = form.dataset.offlineText;
      });
  };
  let timer;
  form.addEventListener("change", save);
  form.addEventListener("input", (event) => {
    if (event.target.matches("textarea, input[type=text]")) {
      clearTimeout(timer);
      timer = setTimeout(save, 800);
    }
  });
});
