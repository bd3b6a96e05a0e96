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
