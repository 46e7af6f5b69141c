/* Evidence uploads with a progress bar per file.
 *
 * Without JavaScript the files travel with the surrounding form post and the
 * server checks them the same way. With it, each chosen file is sent on its
 * own (one at a time: kinder to a shaky mobile connection) to the endpoint in
 * data-upload-url, with XMLHttpRequest upload progress, and the file input is
 * cleared so the form post does not send the bytes a second time.
 */
(function () {
  "use strict";

  function csrfToken(root) {
    var form = root.closest("form") || root;
    var field = form.querySelector("input[name=csrfmiddlewaretoken]") ||
      document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) { return field.value; }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function wireRemove(root, button) {
    button.hidden = false;
    var item = button.closest("[data-evidence-item]");
    var label = item && item.querySelector("[data-evidence-remove-label]");
    if (label) { label.hidden = true; }
    button.addEventListener("click", function () {
      button.disabled = true;
      fetch(button.getAttribute("data-evidence-remove"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(root), "Accept": "application/json" }
      }).then(function (response) {
        if (response.ok || response.status === 404) {
          if (item) { item.remove(); }
          refreshStates(root);
        } else {
          button.disabled = false;
        }
      }).catch(function () { button.disabled = false; });
    });
  }

  // The page's items (wizard step): the state badge says added / still missing / optional.
  function refreshStates(root) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-evidence-group]"), function (group) {
      var badge = group.querySelector("[data-evidence-state]");
      if (!badge) { return; }
      var count = group.querySelectorAll("[data-evidence-item]").length;
      var state = count ? "added" : (group.hasAttribute("data-required") ? "missing" : "optional");
      badge.textContent = root.getAttribute("data-msg-" + state);
      badge.className = "evidence-state evidence-state--" + state;
      group.className = group.className.replace(/evidence-item--(added|missing|optional)/, "evidence-item--" + state);
    });
  }

  // The "which item" select of a file just uploaded, from the page's items that take its kind.
  function moveSelect(root, stored, currentCode) {
    var wrap = el("span", "evidence-file__move");
    var id = "move-" + stored.id;
    var labelNode = el("label", "", root.getAttribute("data-msg-move"));
    labelNode.htmlFor = id;
    var select = el("select");
    select.id = id;
    select.setAttribute("data-evidence-move", stored.move_url);
    if (!currentCode) {
      var blank = el("option", "", root.getAttribute("data-msg-choose"));
      blank.value = "";
      select.appendChild(blank);
    }
    Array.prototype.forEach.call(root.querySelectorAll("[data-evidence-group]"), function (group) {
      var code = group.getAttribute("data-code");
      var kinds = (group.getAttribute("data-kinds") || "").split(" ");
      if (!code || kinds.indexOf(stored.kind) < 0) { return; }
      var option = el("option", "", group.getAttribute("data-label"));
      option.value = code;
      option.selected = code === currentCode;
      select.appendChild(option);
    });
    wrap.appendChild(labelNode);
    wrap.appendChild(select);
    return wrap;
  }

  function addStoredItem(root, stored, group) {
    var list = (group || root).querySelector("[data-evidence-files]");
    if (!list) { return; }
    var title = root.querySelector("[data-evidence-stored-title]");
    if (title) { title.hidden = false; }
    var item = el("li", "evidence-file");
    item.setAttribute("data-evidence-item", "");
    item.setAttribute("data-kind", stored.kind);
    var open = el("a", "evidence-file__open");
    open.href = stored.preview_url;
    open.target = "_blank";
    open.rel = "noopener";
    var img = el("img", "evidence-file__thumb");
    img.src = stored.preview_url;
    img.alt = stored.name;
    img.width = 72;
    img.height = 72;
    open.appendChild(img);
    var meta = el("span", "evidence-file__meta");
    meta.appendChild(el("span", "evidence-file__name", stored.name));
    meta.appendChild(el("span", "evidence-file__size", stored.size_label));
    if (stored.original_url) {
      var original = el("a", "evidence-file__original", root.getAttribute("data-msg-original"));
      original.href = stored.original_url;
      original.setAttribute("download", "");
      meta.appendChild(original);
    }
    var wrap = null;
    if (stored.move_url && root.querySelector("[data-evidence-group][data-kinds]")) {
      wrap = moveSelect(root, stored, stored.code || "");
      // Nowhere else to go (one item takes this kind, and the file is under it): no control.
      if (wrap.querySelectorAll("option").length > 1 || !stored.code) {
        meta.appendChild(wrap);
      } else {
        wrap = null;
      }
    }
    var button = el("button", "evidence-file__remove-now", root.getAttribute("data-msg-remove"));
    button.type = "button";
    button.setAttribute("data-evidence-remove", stored.remove_url);
    item.appendChild(open);
    item.appendChild(meta);
    item.appendChild(button);
    list.appendChild(item);
    wireRemove(root, button);
    if (wrap) { wireMove(root, wrap.querySelector("select")); }  // once in its row
    refreshStates(root);
  }

  // Wizard step: a file's item changes at once; the item's list takes the file.
  function wireMove(root, select) {
    var item = select.closest("[data-evidence-item]");
    var submit = item && item.querySelector("[data-evidence-move-submit]");
    if (submit) { submit.hidden = true; }
    var before = select.value;
    select.addEventListener("change", function () {
      var code = select.value;
      if (!code) { return; }
      var data = new FormData();
      data.append("code", code);
      select.disabled = true;
      fetch(select.getAttribute("data-evidence-move"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(root), "Accept": "application/json" },
        body: data
      }).then(function (response) {
        select.disabled = false;
        if (!response.ok) { select.value = before; return; }
        before = code;
        var target = root.querySelector('[data-evidence-group][data-code="' + code + '"] [data-evidence-files]');
        if (target && item) { target.appendChild(item); }
        var blank = select.querySelector('option[value=""]');
        if (blank) { blank.remove(); }
        refreshStates(root);
      }).catch(function () { select.disabled = false; select.value = before; });
    });
  }

  // Every message a refused upload can show, flattened: the evidence endpoints
  // send a list, the rate limit and other refusals an object of lists.
  function errorList(body) {
    var errors = body && body.errors;
    if (!errors) { return []; }
    if (Array.isArray(errors)) { return errors; }
    return Object.keys(errors).reduce(function (all, key) {
      return all.concat(errors[key]);
    }, []);
  }

  // What to tell the user about a finished request; "" when the file was stored.
  function failureText(root, status, body) {
    if (status === 429) { return root.getAttribute("data-msg-busy"); }
    if (status === 403 || status === 404) { return root.getAttribute("data-msg-expired"); }
    var errors = errorList(body);
    if (errors.length) { return errors.join(" "); }
    if (status < 200 || status >= 300) { return root.getAttribute("data-msg-refused"); }
    if (!body || !Array.isArray(body.stored) || !body.stored.length) {
      return root.getAttribute("data-msg-failed");
    }
    return "";
  }

  function uploadOne(root, input, file, row) {
    return new Promise(function (resolve) {
      var bar = row.querySelector("progress");
      var status = row.querySelector(".evidence-progress__status");
      var data = new FormData();
      data.append("upload", file, file.name);
      var code = input.getAttribute("data-evidence-code");
      if (code) { data.append("code", code); }
      var xhr = new XMLHttpRequest();
      xhr.open("POST", root.getAttribute("data-upload-url"));
      xhr.setRequestHeader("X-CSRFToken", csrfToken(root));
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          bar.value = Math.round((event.loaded / event.total) * 100);
        }
      });
      xhr.addEventListener("load", function () {
        var body = null;
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
        bar.value = 100;
        var stored = body && Array.isArray(body.stored) ? body.stored : [];
        var group = input.closest("[data-evidence-group]");
        stored.forEach(function (item) { addStoredItem(root, item, group); });
        var problem = failureText(root, xhr.status, body);
        if (problem) {
          row.classList.add("evidence-progress__row--error");
          status.textContent = problem;
        } else {
          row.remove();
        }
        resolve(!problem);
      });
      xhr.addEventListener("error", function () {
        row.classList.add("evidence-progress__row--error");
        status.textContent = root.getAttribute("data-msg-failed");
        resolve(false);
      });
      xhr.send(data);
    });
  }

  function start(root, input) {
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length) { return; }
    var group = input.closest("[data-evidence-group]") || root;
    var progress = group.querySelector("[data-evidence-progress]") ||
      root.querySelector("[data-evidence-progress]");
    var rows = files.map(function (file) {
      var row = el("li", "evidence-progress__row");
      row.appendChild(el("span", "evidence-progress__name", file.name));
      var bar = el("progress", "evidence-progress__bar");
      bar.max = 100;
      bar.value = 0;
      row.appendChild(bar);
      row.appendChild(el("span", "evidence-progress__status", root.getAttribute("data-msg-uploading")));
      progress.appendChild(row);
      return row;
    });
    input.value = "";  // the bytes go by XHR; the form post must not resend them
    root.setAttribute("data-busy", "true");
    var allOk = true;
    files.reduce(function (chain, file, index) {
      return chain.then(function () {
        return uploadOne(root, input, file, rows[index]).then(function (ok) { allOk = allOk && ok; });
      });
    }, Promise.resolve()).then(function () {
      root.removeAttribute("data-busy");
      if (allOk && root.hasAttribute("data-reload-on-done")) {
        window.location.reload();
      }
    });
  }

  function init(root) {
    if (!window.FormData || !window.XMLHttpRequest || !window.Promise) { return; }
    var inputs = root.querySelectorAll("[data-evidence-input]");
    if (!inputs.length) { return; }
    Array.prototype.forEach.call(root.querySelectorAll("[data-evidence-submit]"), function (submit) {
      submit.hidden = true;
    });
    Array.prototype.forEach.call(inputs, function (input) {
      input.addEventListener("change", function () { start(root, input); });
    });
    Array.prototype.forEach.call(root.querySelectorAll("button[data-evidence-remove]"), function (button) {
      wireRemove(root, button);
    });
    Array.prototype.forEach.call(root.querySelectorAll("select[data-evidence-move]"), function (select) {
      wireMove(root, select);
    });
    root.setAttribute("data-evidence-ready", "true");
  }

  // Case page: a file's item changes as soon as another is chosen (the form posts itself).
  function initMoveForms() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-evidence-move-form]"), function (form) {
      var select = form.querySelector("select");
      var submit = form.querySelector("[data-evidence-move-submit]");
      if (!select || !submit) { return; }
      submit.hidden = true;
      select.addEventListener("change", function () {
        if (select.value) { form.submit(); }
      });
    });
  }

  function initAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-evidence-upload]"), init);
    initMoveForms();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
}());
