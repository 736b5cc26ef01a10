/* afterboard: progressive enhancement only. Every page works without this file; with it, the snap page
   follows the reading live, and the editor previews, checks and autosaves as you type. */
"use strict";

(function () {
  const token = document.querySelector('meta[name="csrf-token"]')?.content || "";

  function api(method, url, body) {
    return fetch(url, {
      method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (response) => {
      const data = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(data.error || `The server answered ${response.status}.`);
      return data;
    });
  }

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  /* Snap form: show that the upload is under way, and do not send it twice. */
  const upload = document.querySelector("form[data-upload]");
  if (upload) {
    upload.addEventListener("submit", () => {
      const bar = upload.querySelector(".upload-progress");
      if (bar) { bar.hidden = false; bar.removeAttribute("value"); }
      const button = upload.querySelector("button[type=submit]");
      if (button) { button.disabled = true; button.textContent = "Sending the photo…"; }
    });
  }

  /* Progress page: poll the job, go to the board as soon as it is read. */
  const card = document.querySelector(".progress-card[data-snap]");
  if (card && ["queued", "running"].includes(card.dataset.status)) {
    const id = card.dataset.snap;
    const line = card.querySelector(".status-line");
    const poll = () => {
      api("GET", `/api/snaps/${id}`).then((snap) => {
        if (snap.status === "done") { window.location.assign(`/snap/${id}/board`); return; }
        if (snap.status === "failed") { window.location.reload(); return; }
        if (line) line.textContent = snap.status === "running" ? "Reading the notes on the photo…" : "Waiting for the reader…";
        setTimeout(poll, 1000);
      }).catch(() => setTimeout(poll, 3000));
    };
    setTimeout(poll, 700);
  }

  /* Editor: live preview and findings, autosave as a new revision, findings that jump to their line. */
  const form = document.getElementById("editor-form");
  const editor = document.getElementById("editor");
  if (form && editor) {
    const id = form.dataset.postmortem;
    const preview = document.getElementById("preview");
    const list = document.getElementById("findings");
    const count = document.getElementById("finding-count");
    const state = document.getElementById("save-state");
    let saved = editor.value;

    const showFindings = (findings) => {
      list.replaceChildren();
      if (count) count.textContent = String(findings.length);
      if (!findings.length) {
        const li = document.createElement("li");
        li.className = "finding none";
        li.textContent = "No findings: nothing to fix.";
        list.append(li);
        return;
      }
      for (const f of findings) {
        const li = document.createElement("li");
        li.className = `finding sev-${f.severity}`;
        const parts = [["sev", f.severity]];
        for (const [cls, text] of parts) {
          const span = document.createElement("span");
          span.className = cls;
          span.textContent = text;
          li.append(span);
        }
        if (f.line) {
          const a = document.createElement("a");
          a.className = "goto";
          a.href = "#editor";
          a.dataset.line = String(f.line);
          a.textContent = `line ${f.line}`;
          li.append(a);
        } else if (f.where) {
          const where = document.createElement("span");
          where.className = "where";
          where.textContent = f.where;
          li.append(where);
        }
        for (const [cls, text, tag] of [["msg", f.message, "span"], ["fix", f.fix, "span"], ["rule", f.rule, "code"]]) {
          const el = document.createElement(tag);
          el.className = cls;
          el.textContent = text;
          li.append(el);
        }
        list.append(li);
      }
    };

    const refresh = debounce(() => {
      api("POST", "/api/preview", { markdown: editor.value })
        .then((data) => {
          preview.innerHTML = data.html; /* sanitised by the server (nh3) */
          showFindings(data.findings);
        })
        .catch((error) => { if (state) state.textContent = error.message; });
    }, 350);

    const autosave = debounce(() => {
      if (editor.value === saved) {
        if (state) state.textContent = "No changes since the last save.";
        return;
      }
      const text = editor.value;
      if (state) state.textContent = "Saving…";
      api("PUT", `/api/postmortems/${id}`, { markdown: text, message: "autosave" })
        .then((data) => {
          saved = text;
          const at = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
          if (state) state.textContent = `Saved as revision ${data.saved.revision} at ${at}.`;
        })
        .catch((error) => { if (state) state.textContent = `Not saved: ${error.message}`; });
    }, 2500);

    editor.addEventListener("input", () => {
      if (state) state.textContent = "Unsaved changes…";
      refresh();
      autosave();
    });
    window.addEventListener("beforeunload", (event) => {
      if (editor.value !== saved) { event.preventDefault(); event.returnValue = ""; }
    });
    form.addEventListener("submit", () => { saved = editor.value; });

    list.addEventListener("click", (event) => {
      const link = event.target.closest("a.goto");
      if (!link) return;
      event.preventDefault();
      const line = Number(link.dataset.line);
      const lines = editor.value.split("\n");
      const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
      editor.focus();
      editor.setSelectionRange(start, start + (lines[line - 1] || "").length);
      const height = editor.scrollHeight / Math.max(lines.length, 1);
      editor.scrollTop = Math.max(0, (line - 4) * height);
    });
  }
})();
