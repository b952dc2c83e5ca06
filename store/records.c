/* SPDX-License-Identifier: ISC */
/* Freeing the records of store/records.h. */
#include <stdlib.h>
#include <string.h>

#include "store/records.h"

void
approval_clear(struct approval *p)
{
	free(p->case_number);
	free(p->action);
	free(p->effective);
	free(p->outcome);
	free(p->told_on);
	free(p->note);
	free(p->requested_by);
	free(p->requested_at);
	free(p->status);
	free(p->decided_by);
	free(p->decided_at);
	free(p->comment);
	memset(p, 0, sizeof(*p));
}

void
approvals_free(struct approval *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		approval_clear(&v[i]);
	free(v);
}

void
attachment_info_clear(struct attachment_info *a)
{
	free(a->name);
	free(a->mime);
	free(a->uploaded_by);
	free(a->uploaded_at);
	memset(a, 0, sizeof(*a));
}

void
attachment_infos_free(struct attachment_info *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		attachment_info_clear(&v[i]);
	free(v);
}
