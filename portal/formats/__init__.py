"""Date and time formats of the portal's two languages (settings.FORMAT_MODULE_PATH). Django's
own say "Jan. 15, 2024" in English and "2024年1月15日" in Chinese, beside the ISO dates our
pages write; the portal writes ISO dates in both (what Chinese forms and tables commonly use),
so every admin list, form field and message shows a date one way."""
