from django.db import migrations, models

TELLING = {"tell", "tells", "told", "telling"}


def relay_told_from_cues(apps, schema_editor):
    """Claims recorded before: told when a citation's cue tells ("Sources told the AP")."""
    Claim = apps.get_model("claims", "Claim")
    told = {
        claim_id for claim_id, cue in Claim.objects.filter(relayed_by__isnull=False)
        .values_list("pk", "citations__cue").iterator()
        if cue and any(w.strip(",.:;\"'").lower() in TELLING for w in cue.split())
    }
    Claim.objects.filter(pk__in=told).update(relay_told=True)


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0005_claim_framing'),
    ]

    operations = [
        migrations.AddField(
            model_name='claim',
            name='relay_told',
            field=models.BooleanField(default=False, help_text="The speaker told the relaying outlet ('Sources told AP that …'); otherwise the outlet reported what the speaker said ('…, AP reported')."),
        ),
        migrations.RunPython(relay_told_from_cues, migrations.RunPython.noop),
    ]
