// Event pages: select every attendance row at once, confirm removals, and show which place fields an online event skips.
document.querySelectorAll("#select-all").forEach((box) => {
  box.addEventListener("change", () => {
    box.closest("table").querySelectorAll("input.row-select").forEach((row) => {
      row.checked = box.checked;
    });
  });
});
document.querySelectorAll("button[data-remove-confirm]").forEach((button) => {
  button.addEventListener("click", (event) => {
    if (!window.confirm(button.dataset.removeConfirm)) {
      event.preventDefault();
    }
  });
});
const modeSelect = document.querySelector("select#mode");
if (modeSelect) {
  const placeFields = ["city", "country"].map((id) => document.getElementById(id)).filter(Boolean);
  const update = () => {
    placeFields.forEach((input) => {
      input.disabled = modeSelect.value === "online";
    });
  };
  modeSelect.addEventListener("change", update);
  update();
}
