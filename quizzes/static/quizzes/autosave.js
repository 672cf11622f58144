// Saves each answer as soon as it is given, so a dropped connection loses nothing,
// and keeps the "Answered x of y" line up to date.
// Without JavaScript the "Save answers" button does the same.
document.querySelectorAll("form.quiz-form").forEach((form) => {
  const status = form.querySelector(".save-status");
  const counter = document.querySelector(".answered-count");
  const countAnswered = () => {
    if (!counter) return;
    const questions = form.querySelectorAll("fieldset.question");
    const answered = Array.from(questions).filter(
      (fieldset) =>
        fieldset.querySelector("input:checked") ||
        Array.from(fieldset.querySelectorAll("input[type=text], textarea")).some(
          (field) => field.value.trim() !== "",
        ) ||
        !fieldset.querySelector("input[type=radio], input[type=checkbox], input[type=text], textarea"),
    ).length;
    counter.textContent = counter.dataset.template.replace("__answered__", answered);
  };
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
  form.addEventListener("change", () => {
    countAnswered();
    save();
  });
  form.addEventListener("input", (event) => {
    if (event.target.matches("textarea, input[type=text]")) {
      countAnswered();
      clearTimeout(timer);
      timer = setTimeout(save, 800);
    }
  });
});
