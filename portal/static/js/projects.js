// Long multi-selects (recipient countries): a filter box above, and the current choice spelt out below.
document.querySelectorAll("select[multiple][data-filter-label]").forEach((select) => {
  const filter = document.createElement("input");
  filter.type = "search";
  filter.className = "form-control form-control-sm mb-1";
  filter.placeholder = select.dataset.filterLabel;
  filter.setAttribute("aria-label", select.dataset.filterLabel);
  select.before(filter);
  const chosen = document.createElement("div");
  chosen.className = "small text-muted mt-1";
  chosen.setAttribute("aria-live", "polite");
  select.after(chosen);
  const showChosen = () => {
    chosen.textContent = Array.from(select.selectedOptions, (option) => option.text).join(", ");
  };
  filter.addEventListener("input", () => {
    const needle = filter.value.trim().toLocaleLowerCase();
    for (const option of select.options) {
      option.hidden = needle !== "" && !option.text.toLocaleLowerCase().includes(needle);
    }
  });
  select.addEventListener("change", showChosen);
  showChosen();
});
