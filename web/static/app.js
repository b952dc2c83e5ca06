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
