import nx from "@nx/eslint-plugin";

export default [
    ...nx.configs["flat/base"],
    ...nx.configs["flat/typescript"],
    ...nx.configs["flat/javascript"],
    {
        ignores: [
            "**/dist",
            "**/out-tsc"
        ]
    },
    {
        files: [
            "**/*.ts",
            "**/*.tsx",
            "**/*.js",
            "**/*.jsx"
        ],
        rules: {
            "@nx/enforce-module-boundaries": [
                "error",
                {
                    enforceBuildableLibDependency: true,
                    allow: [
                        "^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$"
                    ],
                    // The API and the console never import each other; both compile
                    // against the shared contract.
                    depConstraints: [
                        { sourceTag: "scope:api", onlyDependOnLibsWithTags: ["scope:shared"] },
                        { sourceTag: "scope:admin", onlyDependOnLibsWithTags: ["scope:shared"] },
                        { sourceTag: "scope:shared", onlyDependOnLibsWithTags: ["scope:shared"] },
                        { sourceTag: "scope:e2e", onlyDependOnLibsWithTags: ["scope:shared"] }
                    ]
                }
            ]
        }
    },
    {
        files: [
            "**/*.ts",
            "**/*.tsx",
            "**/*.cts",
            "**/*.mts",
            "**/*.js",
            "**/*.jsx",
            "**/*.cjs",
            "**/*.mjs"
        ],
        rules: {}
    },
    {
        files: ["**/*.ts"],
        rules: {
            "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }]
        }
    },
    {
        files: ["**/*.spec.ts", "**/test/**/*.ts", "**/*.e2e-spec.ts"],
        rules: {
            "@typescript-eslint/no-non-null-assertion": "off"
        }
    }
];
