/* foidesk — progressive enhancement only: every page works without it.
 * Intake: show the Art 31 date fields the chosen channel uses.  For
 * ordinary post, internet and fax the receipt date is the day receipt
 * was confirmed with the applicant, so that field replaces "收到日期";
 * for the other channels the receipt date is the day of arrival. */
"use strict";
(function () {
	var ch = document.getElementById("channel");
	if (!ch)
		return;
	var needsConfirm = { post_plain: 1, online: 1, fax: 1 };
	var rec = document.getElementById("f-received");
	var conf = document.getElementById("f-confirmed");
	var recIn = document.getElementById("received");
	var confIn = document.getElementById("confirmed");
	var kept = recIn ? recIn.value : "";
	function sync() {
		if (!rec || !conf)
			return;
		if (needsConfirm[ch.value]) {
			conf.classList.remove("hidden");
			rec.classList.add("hidden");
			if (recIn.value)
				kept = recIn.value;
			recIn.value = "";
		} else {
			rec.classList.remove("hidden");
			if (!recIn.value)
				recIn.value = kept;
			if (ch.value === "other") {
				conf.classList.remove("hidden");
			} else {
				conf.classList.add("hidden");
				confIn.value = "";
			}
		}
	}
	ch.addEventListener("change", sync);
	sync();
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

/* The navigation on narrow screens: the menu button (hidden in the
 * markup, so that without script the links stay visible) opens and
 * closes it; style.css hides the closed navigation below 761 px. */
(function () {
	var btn = document.querySelector("header.top button.menu");
	var nav = document.getElementById("nav");
	if (!btn || !nav)
		return;
	document.documentElement.classList.add("js-menu");
	btn.hidden = false;
	btn.addEventListener("click", function () {
		var open = btn.getAttribute("aria-expanded") !== "true";
		btn.setAttribute("aria-expanded", open ? "true" : "false");
		nav.classList.toggle("open", open);
	});
	document.addEventListener("keydown", function (e) {
		if (e.key === "Escape" && nav.classList.contains("open")) {
			btn.setAttribute("aria-expanded", "false");
			nav.classList.remove("open");
			btn.focus();
		}
	});
})();
