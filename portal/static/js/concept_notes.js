// Concept-note section editor: live preview, word count, autosave, and no lost text when the session expires.
// Every change is first kept in localStorage; it is removed only once the server confirmed saving that text.
(() => {
  const form = document.getElementById("cn-section-form");
  if (!form) {
    return;
  }
  const noteId = form.dataset.note;
  const section = form.dataset.section;
  const textarea = form.querySelector("textarea[name=body]");
  const preview = document.getElementById("cn-preview");
  const words = document.getElementById("cn-words");
  const state = document.getElementById("cn-save-state");
  const offline = document.getElementById("cn-offline");
  const pages = document.getElementById("cn-pages");
  const token = form.dataset.csrf;
  const version = form.querySelector("input[name=version]");
  const conflict = document.getElementById("cn-conflict");
  const theirs = document.getElementById("cn-theirs");
  const keepMine = document.getElementById("cn-keep-mine");
  const takeTheirs = document.getElementById("cn-take-theirs");
  // set while the server holds another text than the one this editor opened: no autosave until the writer chooses
  let conflicted = null;
  const prefix = `cn-pending:${noteId}:`;
  const SAVE_EVERY_MS = 3000;
  let dirty = false;
  let saving = false;
  let previewTimer = null;

  // the text is kept with the section version it was written against, so that restoring it later cannot replace
  // what someone else saved meanwhile
  const keep = (key, body, opened) => {
    try {
      localStorage.setItem(prefix + key, JSON.stringify({ body, opened, at: Date.now() }));
    } catch (error) {
      // storage full or disabled: the autosave still runs
    }
  };
  const kept = (key) => {
    try {
      return JSON.parse(localStorage.getItem(prefix + key) || "null");
    } catch (error) {
      return null;
    }
  };
  const forget = (key, body) => {
    const entry = kept(key);
    if (entry && entry.body === body) {
      localStorage.removeItem(prefix + key);
    }
  };
  const countWords = (text) => (text.match(/[\p{L}\p{N}_]+(?:[-'’][\p{L}\p{N}_]+)*/gu) || []).length;
  const show = (text, css) => {
    state.textContent = text;
    state.className = css;
  };

  const post = (url, payload) =>
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token, Accept: "application/json" },
      body: JSON.stringify(payload),
    });

  const showConflict = (data) => {
    conflicted = data;
    theirs.textContent = data.theirs;
    conflict.classList.remove("d-none");
    keepMine.classList.remove("d-none");
    takeTheirs.classList.remove("d-none");
  };

  const saveSection = async (key, body, opened) => {
    let response;
    try {
      response = await post(form.dataset.autosaveUrl, { section: key, body, version: opened });
    } catch (error) {
      return false;
    }
    const isJson = (response.headers.get("Content-Type") || "").includes("application/json");
    if (response.type === "opaqueredirect" || response.status === 401 || response.status === 400 && !isJson) {
      offline.classList.remove("d-none");
      return false;
    }
    if (response.status === 409 && isJson) {
      const data = await response.json();
      if (data.conflict && key === section) {
        showConflict(data);
      }
      return false;
    }
    if (!response.ok || !isJson) {
      return false;
    }
    const data = await response.json();
    offline.classList.add("d-none");
    forget(key, body);
    if (key === section) {
      version.value = data.version;
    }
    if (pages && data.pages) {
      pages.textContent = data.pages;
    }
    const railWords = document.querySelector(`[data-words-for="${key}"]`);
    if (railWords) {
      railWords.textContent = data.words;
    }
    return true;
  };

  const save = async () => {
    if (!dirty || saving || conflicted) {
      return;
    }
    saving = true;
    dirty = false;
    show(form.dataset.savingText, "text-muted");
    const body = textarea.value;
    const ok = await saveSection(section, body, version.value);
    saving = false;
    if (ok && textarea.value === body) {
      show(form.dataset.savedText, "text-success");
    } else {
      dirty = true;
      show(form.dataset.unsavedText, "text-danger");
    }
  };

  const refreshPreview = async () => {
    const text = textarea.value;
    words.textContent = countWords(text);
    try {
      const response = await post(form.dataset.previewUrl, { text });
      if (response.ok) {
        const data = await response.json();
        // the server returns HTML sanitised by an allowlist (nh3); nothing else is inserted
        preview.innerHTML = data.html;
        words.textContent = data.words;
      }
    } catch (error) {
      // the preview is a convenience; the text is kept and saved regardless
    }
  };

  const resolved = () => {
    version.value = conflicted.version;
    conflicted = null;
    conflict.classList.add("d-none");
  };
  keepMine.addEventListener("click", () => {
    resolved();
    dirty = true;
    keep(section, textarea.value, version.value);
    save();
  });
  takeTheirs.addEventListener("click", () => {
    textarea.value = conflicted.theirs;
    resolved();
    localStorage.removeItem(prefix + section);
    dirty = false;
    show(form.dataset.savedText, "text-success");
    refreshPreview();
  });

  textarea.addEventListener("input", () => {
    dirty = true;
    keep(section, textarea.value, version.value);
    show(form.dataset.unsavedText, "text-warning-emphasis");
    words.textContent = countWords(textarea.value);
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 500);
  });
  textarea.addEventListener("blur", save);
  setInterval(save, SAVE_EVERY_MS);
  window.addEventListener("beforeunload", (event) => {
    if (dirty) {
      event.preventDefault();
    }
  });
  form.addEventListener("submit", () => {
    dirty = false;
  });

  // Text typed earlier and never confirmed as saved (session expired, network down, tab closed): restore it.
  const restore = async () => {
    const keys = [];
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key && key.startsWith(prefix)) {
        keys.push(key.slice(prefix.length));
      }
    }
    for (const key of keys) {
      const entry = kept(key);
      if (!entry) {
        continue;
      }
      if (key === section) {
        if (entry.body === textarea.value) {
          localStorage.removeItem(prefix + key);
          continue;
        }
        textarea.value = entry.body;
        if (entry.opened !== undefined) {
          version.value = entry.opened;
        }
        show(form.dataset.restoredText, "text-info-emphasis");
        refreshPreview();
        dirty = true;
        await save();
      } else if (entry.opened !== undefined) {
        await saveSection(key, entry.body, entry.opened);
      }
    }
  };
  restore();
})();

// Budget tables: totals and the indirect support costs computed as amounts are typed, in whole cents, rounded half up
// like the server (portal/concept_notes/budget.py), which stays the authority when the form is saved.
(() => {
  const form = document.getElementById("cn-budget-form");
  if (!form) {
    return;
  }
  const language = form.dataset.locale || document.documentElement.lang || "en";
  const money = new Intl.NumberFormat(language, { style: "currency", currency: form.dataset.currency || "USD" });
  const show = (cell, cents) => {
    if (cell) {
      cell.textContent = money.format(cents / 100);
    }
  };
  // "120000.5", "120,000.50", "120 000,50" -> cents; null when it is not an amount
  const toCents = (text) => {
    const compact = text.replace(/[\s\u00a0\u202f']/g, "");
    if (compact === "") {
      return 0;
    }
    const match = compact.match(/^(\d+(?:[.,]\d{3})*|\d+)(?:[.,](\d{1,2}))?$/);
    if (!match) {
      return null;
    }
    const whole = match[1].replace(/[.,]/g, "");
    const fraction = (match[2] || "").padEnd(2, "0");
    return Number(whole) * 100 + Number(fraction);
  };
  // the rate as a fraction of integers, so that 7 % of a cent amount rounds exactly as Decimal does
  const rateOf = (table) => {
    const [units, decimals = ""] = (table.dataset.rate || "0").split(".");
    return { numerator: Number(units + decimals), denominator: 10 ** decimals.length };
  };
  const indirectOf = (cents, rate) => Math.floor((cents * rate.numerator * 2 + rate.denominator) / (2 * rate.denominator));
  const sum = (inputs) => {
    let total = 0;
    for (const input of inputs) {
      const cents = toCents(input.value);
      input.classList.toggle("is-invalid", cents === null);
      total += cents || 0;
    }
    return total;
  };

  const byCategory = (table) => {
    const rate = rateOf(table);
    const inputs = [...table.querySelectorAll("input.cn-amount")];
    const organisations = [...new Set(inputs.map((input) => input.dataset.org))];
    const categories = [...new Set(inputs.map((input) => input.dataset.cat))];
    let direct = 0;
    let indirect = 0;
    for (const org of organisations) {
      const cents = sum(inputs.filter((input) => input.dataset.org === org));
      const line8 = indirectOf(cents, rate);
      show(table.querySelector(`[data-direct="${CSS.escape(org)}"]`), cents);
      show(table.querySelector(`[data-indirect="${CSS.escape(org)}"]`), line8);
      show(table.querySelector(`[data-total-org="${CSS.escape(org)}"]`), cents + line8);
      direct += cents;
      indirect += line8;
    }
    for (const cat of categories) {
      show(table.querySelector(`[data-total-cat="${CSS.escape(cat)}"]`), sum(inputs.filter((input) => input.dataset.cat === cat)));
    }
    show(table.querySelector("[data-direct-total]"), direct);
    show(table.querySelector("[data-indirect-total]"), indirect);
    show(document.getElementById("cn-budget-total"), direct + indirect);
    return { direct, indirect };
  };

  // `total` cents split in proportion to `weights`, rounded down, the cents left to the largest remainders (the
  // first on a tie): budget.py's share_out, so that both tables end on the same total
  const shareOut = (total, weights) => {
    const whole = BigInt(weights.reduce((sum, weight) => sum + weight, 0));
    const shares = weights.map((weight) => {
      const product = BigInt(total) * BigInt(weight);
      return { share: Number(product / whole), rest: product % whole };
    });
    let left = total - shares.reduce((sum, part) => sum + part.share, 0);
    const order = shares
      .map((_part, index) => index)
      .sort((a, b) => {
        if (shares[a].rest === shares[b].rest) {
          return a - b;
        }
        return shares[b].rest > shares[a].rest ? 1 : -1;
      });
    for (const index of order) {
      if (left <= 0) {
        break;
      }
      shares[index].share += 1;
      left -= 1;
    }
    return shares.map((part) => part.share);
  };

  const byOutcome = (table, byCategory) => {
    const rate = rateOf(table);
    const inputs = [...table.querySelectorAll("input.cn-amount")];
    const outcomes = [...new Set(inputs.map((input) => input.dataset.outcome))];
    const years = [...new Set(inputs.map((input) => input.dataset.year))];
    for (const outcome of outcomes) {
      show(
        table.querySelector(`[data-total-outcome="${CSS.escape(outcome)}"]`),
        sum(inputs.filter((input) => input.dataset.outcome === outcome)),
      );
    }
    const yearCents = years.map((year) => sum(inputs.filter((input) => input.dataset.year === year)));
    const outcomeDirect = yearCents.reduce((total, cents) => total + cents, 0);
    const shared =
      byCategory && outcomeDirect > 0 && byCategory.direct === outcomeDirect
        ? shareOut(byCategory.indirect, yearCents)
        : yearCents.map((cents) => indirectOf(cents, rate));
    let direct = 0;
    let indirect = 0;
    for (const [index, year] of years.entries()) {
      const cents = yearCents[index];
      const costs = shared[index];
      show(table.querySelector(`[data-direct-year="${CSS.escape(year)}"]`), cents);
      show(table.querySelector(`[data-indirect-year="${CSS.escape(year)}"]`), costs);
      show(table.querySelector(`[data-total-year="${CSS.escape(year)}"]`), cents + costs);
      direct += cents;
      indirect += costs;
    }
    show(table.querySelector("[data-direct-total]"), direct);
    show(table.querySelector("[data-indirect-total]"), indirect);
    show(table.querySelector("[data-grand-total]"), direct + indirect);
  };

  // an amount typed is shown back with the reader's separators once it is left; the server reads them (AmountField)
  const plain = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const tidy = (input) => {
    const cents = toCents(input.value);
    if (cents && input.value.trim() !== "") {
      input.value = plain.format(cents / 100);
    }
  };
  const update = () => {
    const categories = document.getElementById("cn-budget");
    const outcomes = document.getElementById("cn-outcome-budget");
    const totals = categories ? byCategory(categories) : null;
    if (outcomes) {
      byOutcome(outcomes, totals);
    }
  };
  form.addEventListener("input", update);
  form.addEventListener("change", (event) => {
    if (event.target.matches("input.cn-amount")) {
      tidy(event.target);
    }
  });
  for (const input of form.querySelectorAll("input.cn-amount")) {
    tidy(input);
  }
})();
