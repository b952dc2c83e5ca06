/* foidesk — progressive enhancement only: every page works without it.
 *
 * Intake (web/page_intake.c): each Art 31 date field says which channels
 * use it (data-use) and which fill it with today's date (data-today),
 * as the server's rule (forms/intake.c) has it; changing the channel
 * shows those fields and fills them.  A date the clerk typed
 * (data-typed) is never replaced or hidden, nor is a marked field.
 *
 * What the clerk types is kept in sessionStorage (this tab only) until
 * the request is logged: if the session expired meanwhile, the post
 * leads to the login and back to an empty form, which this fills again
 * with a notice (已恢复未提交的内容) and a button to discard it.  The
 * CSRF token and the confirmations are never kept; logging out drops
 * the copy. */
"use strict";
(function () {
	var KEY = "foidesk-intake";
	var store = null;
	try {
		store = window.sessionStorage;
	} catch (e) {
		store = null;
	}
	/* The case page after a successful intake. */
	if (store && document.getElementById("intake-next"))
		store.removeItem(KEY);
	/* Logging out on purpose: the next user of this tab does not get
	 * the form back. */
	document.addEventListener("submit", function (e) {
		var a = e.target.getAttribute("action");
		if (store && a === "/logout")
			store.removeItem(KEY);
	});
	var form = document.querySelector("form.intake");
	var ch = document.getElementById("channel");
	if (!form || !ch)
		return;
	var today = form.getAttribute("data-today") || "";
	var dates = form.querySelectorAll(".field[data-use]");
	function has(list, v) {
		return (" " + (list || "") + " ").indexOf(" " + v + " ") >= 0;
	}
	function sync(fill) {
		var c = ch.value || "none";
		Array.prototype.forEach.call(dates, function (f) {
			var inp = f.querySelector("input");
			var typed = inp.getAttribute("data-typed") === "1";
			if (fill && !typed)
				inp.value = has(f.getAttribute("data-today"), c) ?
				    today : "";
			var show = has(f.getAttribute("data-use"), c) ||
			    (typed && inp.value !== "") ||
			    f.classList.contains("invalid");
			f.classList.toggle("hidden", !show);
		});
	}
	/* The fields worth keeping: text boxes, selects, text areas. */
	function kept() {
		return Array.prototype.filter.call(form.elements, function (e) {
			return e.name && e.name !== "csrf" &&
			    (e.tagName === "SELECT" || e.tagName === "TEXTAREA" ||
			    (e.tagName === "INPUT" && (e.type === "text" ||
			    e.type === "email" || e.type === "tel")));
		});
	}
	function save() {
		if (!store)
			return;
		var v = {}, typed = [], any = false;
		kept().forEach(function (e) {
			v[e.name] = e.value;
			if (e.getAttribute("data-typed") === "1")
				typed.push(e.name);
		});
		Array.prototype.forEach.call(form.querySelectorAll(
		    "textarea, input:not([type=hidden])"), function (e) {
			if (e.value !== "" && !e.classList.contains("date"))
				any = true;
		});
		try {
			if (any)
				store.setItem(KEY, JSON.stringify({ v: v,
				    typed: typed }));
		} catch (e) {
			/* Storage full or refused: nothing to keep. */
		}
	}
	function restore() {
		var saved = null;
		try {
			saved = JSON.parse(store.getItem(KEY) || "null");
		} catch (e) {
			saved = null;
		}
		if (!saved || !saved.v)
			return;
		kept().forEach(function (e) {
			if (Object.prototype.hasOwnProperty.call(saved.v, e.name))
				e.value = saved.v[e.name];
			if (e.classList.contains("date")) {
				if ((saved.typed || []).indexOf(e.name) >= 0)
					e.setAttribute("data-typed", "1");
				else
					e.removeAttribute("data-typed");
			}
		});
		var note = document.createElement("div");
		note.className = "restored";
		note.id = "intake-restored";
		note.setAttribute("role", "status");
		var p = document.createElement("p");
		p.textContent = "已恢复未提交的内容（登录过期或离开页面前填写的），" +
		    "请核对后登记。";
		var b = document.createElement("button");
		b.type = "button";
		b.className = "secondary";
		b.id = "intake-discard";
		b.textContent = "放弃恢复的内容";
		b.addEventListener("click", function () {
			store.removeItem(KEY);
			window.location.replace(window.location.pathname);
		});
		note.appendChild(p);
		note.appendChild(b);
		form.parentNode.insertBefore(note, form);
	}
	Array.prototype.forEach.call(dates, function (f) {
		var inp = f.querySelector("input");
		inp.addEventListener("input", function () {
			if (inp.value === "")
				inp.removeAttribute("data-typed");
			else
				inp.setAttribute("data-typed", "1");
		});
	});
	if (store && form.getAttribute("data-state") === "new")
		restore();
	else
		save();
	ch.addEventListener("change", function () {
		sync(true);
		save();
	});
	form.addEventListener("input", save);
	form.addEventListener("change", save);
	sync(false);
})();

/* Case actions: the reply's outcome shows the texts its letter needs
 * (data-outcomes) and marks the required ones (data-required), with the
 * phrasebook's wordings of that outcome; a wording's button inserts it
 * into its text box.  Without this every text stays visible. */
(function () {
	function has(list, v) {
		return v !== "" && (" " + (list || "") + " ")
		    .indexOf(" " + v + " ") >= 0;
	}
	var sels = document.querySelectorAll("select.outcome");
	Array.prototype.forEach.call(sels, function (sel) {
		var form = sel.form;
		function sync() {
			var v = sel.value;
			var flds = form.querySelectorAll(".fld[data-outcomes]");
			Array.prototype.forEach.call(flds, function (f) {
				f.hidden = !has(f.getAttribute("data-outcomes"), v);
				var req = f.querySelector(".req");
				if (req)
					req.hidden = !has(f.getAttribute(
					    "data-required"), v);
			});
			var ph = form.querySelectorAll("button.phrase[data-outcome]");
			Array.prototype.forEach.call(ph, function (b) {
				b.hidden = b.getAttribute("data-outcome") !== v;
			});
		}
		sel.addEventListener("change", sync);
		sync();
	});
	document.addEventListener("click", function (e) {
		var b = e.target.closest ? e.target.closest("button.phrase") :
		    null;
		if (!b)
			return;
		var t = document.getElementById(b.getAttribute("data-for"));
		if (!t)
			return;
		var text = b.textContent;
		t.value = t.value === "" ? text :
		    t.value.replace(/\s*$/, "") + "\n" + text;
		t.focus();
	});
})();
